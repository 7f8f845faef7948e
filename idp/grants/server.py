"""Wire Authlib's AuthorizationServer: our grants, client auth and endpoints."""

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
from idp.security import random_token


def _token_value(*_args, **_kwargs):
    # 256 bits in one read of the OS's randomness (Authlib's generator reads it once per
    # character: 86 reads a token response, a twenty-fifth of a refresh's time).
    return random_token()


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
