"""Changing a registered client's metadata (`flask clients update`): the
registration as it would then be is validated whole, like a new one.
"""

from dataclasses import replace

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.extensions import db
from idp.models import Client
from idp.protocol.token_metadata import TOKEN_METADATA
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
        **{name: getattr(client, name) for name in TOKEN_METADATA},
    )


# What `update` may change: the rest (auth method, sector, secret) has its own rules.
UPDATABLE = {"jwks", "jwks_uri", "post_logout_redirect_uris", "id_token_alg", *TOKEN_METADATA}


def update(client: Client, **changes) -> Client:
    """Change some metadata; the whole registration is validated as it would then be."""
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise InvalidClientMetadata(f"cannot change {sorted(unknown)} here")
    spec = replace(spec_of(client), **changes)
    validate(spec)
    for name in changes:
        column = "id_token_signed_response_alg" if name == "id_token_alg" else name
        setattr(client, column, getattr(spec, name))
    audit_log.append(audit.CLIENT_UPDATED, client_id=client.client_id, details={"changed": sorted(changes)})
    db.session.commit()
    return client
