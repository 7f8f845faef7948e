"""Clients an agency registered itself (RFC 7591) and manages with its
registration access token (RFC 7592): storing them, finding them by that token,
updating and deleting them. The token is shown once; we keep its SHA-256."""

import hmac
from dataclasses import fields

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.clock import now
from idp.extensions import db
from idp.models import Client, InitialAccessToken
from idp.outbound import client_jwks
from idp.protocol.client_metadata import InvalidClientMetadata
from idp.protocol.keys import ensure_keys
from idp.protocol.token_metadata import TOKEN_METADATA
from idp.security import digest, random_token
from idp.services import clients
from idp.services.clients import ClientSpec


def register(spec: ClientSpec, grant: InitialAccessToken) -> tuple[Client, str | None, str]:
    """The new client, its secret (if it has one) and its registration access token."""
    registration_token = random_token()
    client, secret = clients.register(
        spec,
        agency=grant.agency,
        initial_access_token_id=grant.id,
        registration_access_token_digest=digest(registration_token),
    )
    return client, secret, registration_token


def find(client_id: str, registration_token: str | None) -> Client | None:
    """The client, if `registration_token` is its registration access token (and it was not deleted)."""
    client = clients.find(client_id)
    if client is None or client.deleted_at is not None or not registration_token:
        return None
    stored = client.registration_access_token_digest
    if stored is None or not hmac.compare_digest(stored, digest(registration_token)):
        return None
    return client


# What an update may change; the client_id, its authentication method (and so
# whether it has a secret) and its sector (its citizens' subs) stay.
UPDATABLE = (
    "name",
    "redirect_uris",
    "post_logout_redirect_uris",
    "scope",
    "jwks",
    "jwks_uri",
    "id_token_signed_response_alg",
    "client_uri",
    "logo_uri",
    "policy_uri",
    "tos_uri",
    "sector_identifier_uri",
    "require_pushed_authorization_requests",
    "dpop_bound_access_tokens",
)


def update(client: Client, spec: ClientSpec) -> str:
    """RFC 7592 §2.2: the request replaces the client's metadata. Returns the new
    registration access token: RFC 7592 §3 lets us issue one with each update, and we
    always do, so a token that leaked is good for one change at most; the old one stops
    working in the same transaction that saves the change."""
    if spec.auth_method != client.token_endpoint_auth_method:
        raise InvalidClientMetadata(
            "token_endpoint_auth_method cannot change (it decides whether the client has a secret); "
            "register a new client instead."
        )
    ensure_keys()
    clients.validate(spec)
    values = {"id_token_signed_response_alg": spec.id_token_alg} | {
        name: getattr(spec, name) for name in UPDATABLE if name != "id_token_signed_response_alg"
    }
    values["scope"] = " ".join(dict.fromkeys(spec.scope.split()))
    values["name"] = spec.name.strip()
    spec_fields = {field.name for field in fields(ClientSpec)}
    for name in TOKEN_METADATA:
        if name in spec_fields and hasattr(client, name):
            values[name] = getattr(spec, name)
    if values["jwks_uri"] != client.jwks_uri and client.jwks_uri:
        client_jwks.forget(client.jwks_uri)
    changed = sorted(name for name, value in values.items() if getattr(client, name) != value)
    for name, value in values.items():
        setattr(client, name, value)
    registration_token = random_token()
    client.registration_access_token_digest = digest(registration_token)
    audit_log.append(
        audit.CLIENT_UPDATED,
        actor=audit_log.client(client.client_id),
        client_id=client.client_id,
        details={"changed": changed},
    )
    db.session.commit()
    return registration_token


def delete(client: Client) -> None:
    """RFC 7592 §2.3: the client_id, its secret and the registration access token stop
    working; its tokens are revoked. The row stays (consents and the audit refer to it)."""
    client.deleted_at = now()
    client.registration_access_token_digest = None
    agency = audit_log.client(client.client_id)
    audit_log.append(audit.CLIENT_DELETED, actor=agency, client_id=client.client_id)
    clients.disable(client, actor=agency)  # commits
