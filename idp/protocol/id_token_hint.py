"""Verifying an ID token we issued, presented back as `id_token_hint`.

OIDC Core 3.1.2.1 and RP-Initiated Logout 1.0 §2: the hint must be one of
ours (signature, `iss`); an expired hint is still a valid hint; a hint signed
by a revoked (compromised) key is not one of ours.
"""

from flask import current_app
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from idp.protocol.errors import InvalidRequest
from idp.protocol.keys import SUPPORTED_ALGS, trusted_keys


class InvalidHint(InvalidRequest):
    """Its message is fit for an error_description. At the authorization endpoint it
    is an invalid_request (OIDC Core 3.1.2.1), also when the key that signed the
    hint is revoked while the citizen is signing in."""


def verify_id_token_hint(value: str) -> dict:
    try:
        # Every key we signed with and still trust, not only the published ones: a
        # citizen who signed in before a rotation must still be able to sign out after
        # it. A revoked key verifies nothing: whoever holds it could sign any hint.
        keys = KeySet.import_key_set({"keys": [row.public_jwk for row in trusted_keys()]})
        token = jwt.decode(value, keys, algorithms=list(SUPPORTED_ALGS))
    except (JoseError, ValueError):
        raise InvalidHint("The id_token_hint is not a valid ID token from JAKI ID.") from None
    claims = token.claims
    if claims.get("iss") != current_app.config["ISSUER"] or not claims.get("sub"):
        raise InvalidHint("The id_token_hint is not a valid ID token from JAKI ID.")
    return claims


def hint_audiences(claims: dict) -> list[str]:
    aud = claims.get("aud")
    return [aud] if isinstance(aud, str) else list(aud or [])


def hint_subject(params: dict, client) -> str | None:
    """The `sub` an authorization request's hint names (OIDC Core 3.1.2.1), if it has one."""
    hint = params.get("id_token_hint")
    if not hint:
        return None
    claims = verify_id_token_hint(hint)
    if client.client_id not in hint_audiences(claims):
        raise InvalidHint("The id_token_hint was issued to another service.")
    return claims["sub"]
