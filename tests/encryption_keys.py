"""A relying party's encryption key, for tests of clients allowed a sensitive scope
(idp/protocol/sensitive_scopes.py): registered as the client's public JWKS, and
used to read what the provider encrypted to it, as a client library does."""

import json

from joserfc import jwe, jwt
from joserfc.jwk import ECKey, KeySet

from idp.protocol.keys import SUPPORTED_ALGS, public_key_set

ALG = "ECDH-ES+A256KW"
ENC = "A256GCM"
# One key for the whole run: generating one per test costs nothing for EC, but a
# module-level key keeps helpers free of fixtures.
RP_KEY = ECKey.generate_key("P-256", parameters={"use": "enc"}, auto_kid=True)


def public_jwks(*keys) -> dict:
    return {"keys": [key.as_dict(private=False) for key in keys or (RP_KEY,)]}


def encrypted_responses(key=None, alg: str = ALG) -> dict:
    """ClientSpec fields for a client that receives ID tokens and UserInfo encrypted."""
    return {
        "jwks": public_jwks(key or RP_KEY),
        "id_token_encrypted_response_alg": alg,
        "id_token_encrypted_response_enc": ENC,
        "userinfo_encrypted_response_alg": alg,
        "userinfo_encrypted_response_enc": ENC,
    }


def is_jwe(token: str) -> bool:
    return token.count(".") == 4


def decrypt(token: str, key=None, alg: str = ALG) -> bytes:
    assert is_jwe(token), "a compact JWE has five parts"
    return jwe.decrypt_compact(token, key or RP_KEY, algorithms=[alg, ENC]).plaintext


def id_token_claims(tokens: dict, key=None) -> dict:
    """Decrypt the ID token, then verify the signed JWT inside (OIDC Core 10.2)."""
    inner = decrypt(tokens["id_token"], key)
    return jwt.decode(inner, public_key_set(), algorithms=list(SUPPORTED_ALGS)).claims


def userinfo_claims(response, key=None) -> dict:
    """UserInfo encrypted only (OIDC Core 5.3.2): the JWE of its JSON."""
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/jwt"
    return json.loads(decrypt(response.get_data(as_text=True), key))


def key_set(key=None) -> KeySet:
    return KeySet([key or RP_KEY])
