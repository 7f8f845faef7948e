"""Wire Authlib's AuthorizationServer: our grants, client auth and endpoints."""

from authlib.common.security import generate_token

from idp.extensions import authorization
from idp.grants import (
    AuthorizationCodeGrant,
    IntrospectionEndpoint,
    OpenIDCode,
    PrivateKeyJWT,
    RefreshTokenGrant,
    RevocationEndpoint,
    query_client,
    save_token,
)
from idp.grants.sender_constraint import dpop_token_generator
from idp.protocol.pkce import S256CodeChallenge


def _token_value(*_args, **_kwargs):
    return generate_token(43)  # 43 chars of a 62-symbol alphabet: > 256 bits


def init_oauth(app):
    config = app.config
    config.setdefault("OAUTH2_ACCESS_TOKEN_GENERATOR", _token_value)
    config.setdefault("OAUTH2_REFRESH_TOKEN_GENERATOR", _token_value)
    config.setdefault(
        "OAUTH2_TOKEN_EXPIRES_IN",
        {"authorization_code": config["ACCESS_TOKEN_TTL_SECONDS"], "refresh_token": config["ACCESS_TOKEN_TTL_SECONDS"]},
    )
    authorization.init_app(app, query_client=query_client, save_token=save_token)
    authorization.register_token_generator(
        "default", dpop_token_generator(authorization.create_bearer_token_generator(config))
    )
    # Registries are per-instance lists: register once even if create_app runs many times.
    if authorization._token_grants:
        return
    authorization.register_grant(AuthorizationCodeGrant, [S256CodeChallenge(required=True), OpenIDCode()])
    authorization.register_grant(RefreshTokenGrant)
    authorization.register_client_auth_method("private_key_jwt", PrivateKeyJWT())
    authorization.register_endpoint(RevocationEndpoint)
    authorization.register_endpoint(IntrospectionEndpoint)
