"""Changing a registered client's metadata (`flask clients update`): the
registration as it would then be is validated whole, like a new one.
"""

from dataclasses import replace

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.extensions import db
from idp.models import Client
from idp.outbound import client_jwks
from idp.protocol.encryption_algs import ENCRYPTION_ENCS
from idp.protocol.token_metadata import TOKEN_METADATA
from idp.services import client_purposes
from idp.services.clients import ClientSpec, InvalidClientMetadata, validate


def spec_of(client: Client) -> ClientSpec:
    """The registration as it stands, to validate a change against."""
    return ClientSpec(
        name=client.name,
        redirect_uris=list(client.redirect_uris),
        post_logout_redirect_uris=list(client.post_logout_redirect_uris or []),
        scope=client.scope,
        auth_method=client.token_endpoint_auth_method,
        jwks=client.jwks,
        jwks_uri=client.jwks_uri,
        sector=client.sector,
        id_token_alg=client.id_token_signed_response_alg,
        require_pkce=client.require_pkce,
        client_uri=client.client_uri,
        **{name: getattr(client, name) for name in TOKEN_METADATA},
    )


# What `update` may change: the rest (auth method, sector, secret) has its own rules.
UPDATABLE = {"jwks", "jwks_uri", "post_logout_redirect_uris", "id_token_alg", "purposes", "client_uri", *TOKEN_METADATA}


def update(client: Client, **changes) -> Client:
    """Change some metadata; the whole registration is validated as it would then be."""
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise InvalidClientMetadata(f"cannot change {sorted(unknown)} here")
    if "purposes" in changes:
        # The purposes given replace those of their scopes; the others stay as they are.
        # An empty translation (`scope:en`) removes it; an empty purpose is refused below.
        merged = client_purposes.tidy((client.purposes or {}) | changes["purposes"])
        changes["purposes"] = {key: text for key, text in merged.items() if text or ":" not in key}
    spec = replace(spec_of(client), **changes)
    validate(spec)
    details: dict = {"changed": sorted(changes)}
    if changes.get("purposes", client.purposes) != client.purposes:
        # UU PDP 27/2022 art. 22: consent is to a stated purpose. A new text is a new notice:
        # citizens who agreed to an older version are asked again (idp/interaction/needs.py).
        client.purpose_version += 1
        details["purpose_version"] = client.purpose_version
    for name in changes:
        column = "id_token_signed_response_alg" if name == "id_token_alg" else name
        setattr(client, column, getattr(spec, name))
    audit_log.append(audit.CLIENT_UPDATED, client_id=client.client_id, details=details)
    db.session.commit()
    return client


def replace_keys(client: Client, jwks: dict | None, jwks_uri: str | None, encryption_alg: str | None) -> Client:
    """The operator console's change of a client's public keys (inline or at a jwks_uri) and
    of the algorithm its ID tokens and UserInfo are encrypted with (None: in clear), validated
    like a registration. Its own audit event names the keys by `kid`, never their material."""
    old_uri = client.jwks_uri
    changes: dict = {"jwks": jwks, "jwks_uri": jwks_uri}
    for what in ("id_token", "userinfo"):
        changes[f"{what}_encrypted_response_alg"] = encryption_alg
        changes[f"{what}_encrypted_response_enc"] = ENCRYPTION_ENCS[0] if encryption_alg else None
    spec = replace(spec_of(client), **changes)
    validate(spec)
    for name in changes:
        setattr(client, name, getattr(spec, name))
    if old_uri:
        client_jwks.forget(old_uri)  # a replaced (or the same, refreshed) jwks_uri is fetched anew
    details = {
        "key_ids": [key.get("kid") or "(no kid)" for key in (jwks or {}).get("keys", [])],
        "jwks_uri": jwks_uri,
        "encryption": encryption_alg,
    }
    audit_log.append(audit.CLIENT_KEYS_REPLACED, client_id=client.client_id, details=details)
    db.session.commit()
    return client
