"""Responses JAKI ID encrypts to this service (OIDC Core 10.2, RFC 7516 compact JWE).

A service allowed the NIK registers its public encryption key, and JAKI ID then
encrypts to it the ID token (a Nested JWT: signed, then encrypted), UserInfo (the
JWE of its JSON) and the back-channel logout token (Back-Channel Logout 1.0 §2.6,
like the ID token). The private key (JAKI_CLIENT_ENC_JWK) never leaves this
process; its public half is published at /jwks.json. A service that registered
encryption refuses what arrives in clear: the number must never travel readable.
"""

import json

from flask import Blueprint, current_app, jsonify
from joserfc import jwe
from joserfc.errors import JoseError
from joserfc.jwk import import_key

ALGORITHMS = ["RSA-OAEP-256", "ECDH-ES+A256KW", "A256GCM"]
bp = Blueprint("encryption", __name__)


class NotEncrypted(ValueError):
    """A response that should have been encrypted to us was not, or does not decrypt."""


class Decryption:
    def __init__(self, private_jwk: str):
        self.key = import_key(json.loads(private_jwk))

    def decrypt(self, token: str, what: str) -> bytes:
        if not isinstance(token, str) or token.count(".") != 4:
            raise NotEncrypted(f"the {what} is not encrypted to this service")
        try:
            plaintext = jwe.decrypt_compact(token, self.key, algorithms=ALGORITHMS).plaintext
        except (JoseError, ValueError) as error:
            raise NotEncrypted(f"the {what} does not decrypt: {error}") from None
        if plaintext is None:
            raise NotEncrypted(f"the {what} is empty")
        return plaintext

    def nested_jwt(self, token: str, what: str) -> str:
        """The signed JWT inside an encrypted one; its signature is checked by the caller."""
        return self.decrypt(token, what).decode()

    def userinfo(self, response) -> dict:
        """OIDC Core 5.3.2: encrypted UserInfo is `application/jwt`, the JWE of the JSON."""
        if not response.headers.get("Content-Type", "").startswith("application/jwt"):
            raise NotEncrypted("UserInfo is not encrypted to this service")
        try:
            claims = json.loads(self.decrypt(response.text.strip(), "UserInfo"))
        except ValueError as error:
            raise NotEncrypted(f"UserInfo is not JSON inside: {error}") from None
        if not isinstance(claims, dict):
            raise NotEncrypted("UserInfo is not a JSON object")
        return claims

    def public_jwks(self) -> dict:
        return {"keys": [self.key.as_dict(private=False)]}


def decryption() -> Decryption | None:
    """This service's decryption, when it registered encrypted responses (it has a key)."""
    return current_app.extensions.get("jaki_decryption")


@bp.get("/jwks.json")
def jwks():
    found = decryption()
    response = jsonify(found.public_jwks() if found else {"keys": []})
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def init_app(app) -> None:
    if app.config.get("JAKI_CLIENT_ENC_JWK"):
        app.extensions["jaki_decryption"] = Decryption(app.config["JAKI_CLIENT_ENC_JWK"])
    app.register_blueprint(bp)
