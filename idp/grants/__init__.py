"""Every Authlib subclass in one place: where Authlib is right we use it, where
it is not (code reuse, refresh rotation and scope, PKCE plain, kid, auth_time,
refresh tokens at introspection) we override. One module per concern:

code.py         authorization_code grant and ID tokens (S256-only PKCE: idp/protocol/pkce.py)
refresh.py      refresh_token grant with rotation and reuse detection
client_auth.py  private_key_jwt and the client authentication methods
endpoints.py    revocation (RFC 7009) and introspection (RFC 7662)
storage.py      Authlib's storage hooks: find a client, save a token
server.py       wires all of these into Authlib's AuthorizationServer
"""

from idp.grants.client_auth import (
    CLIENT_ASSERTION_ALGS,
    CLIENT_AUTH_METHODS,
    INTROSPECTION_AUTH_METHODS,
    PrivateKeyJWT,
    safe_description,
)
from idp.grants.code import AuthorizationCodeGrant, OpenIDCode
from idp.grants.endpoints import IntrospectionEndpoint, RevocationEndpoint
from idp.grants.refresh import RefreshTokenGrant
from idp.grants.storage import query_client, save_token

__all__ = [
    "CLIENT_ASSERTION_ALGS",
    "CLIENT_AUTH_METHODS",
    "INTROSPECTION_AUTH_METHODS",
    "AuthorizationCodeGrant",
    "IntrospectionEndpoint",
    "OpenIDCode",
    "PrivateKeyJWT",
    "RefreshTokenGrant",
    "RevocationEndpoint",
    "query_client",
    "safe_description",
    "save_token",
]
