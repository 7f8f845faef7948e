"""The logout token (OpenID Connect Back-Channel Logout 1.0 §2.4): a JWT signed
like the client's ID tokens, explicitly typed `logout+jwt` (§2.4.1, so it can
never pass for an ID token), naming the citizen as the client knows them: the
pairwise `sub` and the per-client `sid` of the session that ended.

§2.6: a client that registered `id_token_encrypted_response_alg` gets its logout
token encrypted the same way as its ID tokens: signed, then encrypted to its key (a
Nested JWT, OIDC Core 10.2). NoEncryptionKey when its key cannot be found now.
"""

from flask import current_app
from joserfc import jwt

from idp.clock import timestamp
from idp.grants.client_auth import client_public_keys
from idp.protocol import encryption
from idp.protocol.keys import private_key_set
from idp.security import random_token

BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"


def logout_token(client, subject: str, session_id: str | None) -> str:
    config = current_app.config
    issued_at = timestamp()
    claims = {
        "iss": config["ISSUER"],
        "aud": client.client_id,
        "iat": issued_at,
        # §2.4: a short lifetime; a retry signs a new token.
        "exp": issued_at + config["LOGOUT_TOKEN_TTL_SECONDS"],
        "jti": random_token(),
        "events": {BACKCHANNEL_LOGOUT_EVENT: {}},
        "sub": subject,
    }
    if session_id:
        claims["sid"] = session_id
    # §2.4: a logout token MUST NOT contain a nonce (none is ever added here).
    alg = client.id_token_signed_response_alg or "RS256"
    signed = jwt.encode({"alg": alg, "typ": "logout+jwt"}, claims, private_key_set(alg), [alg])
    if encryption.encrypts(client, "id_token"):
        return encryption.encrypt_for(client, client_public_keys(client), "id_token", signed, nested=True)
    return signed
