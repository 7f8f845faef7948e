"""Back-Channel Logout 1.0 at a service: JAKI ID POSTs a logout token to
`/backchannel-logout` when the citizen's session there ends, and this service
ends its own sign-in too.

The token is validated as §2.6 says: decrypted first when this service registered
encrypted ID tokens (encryption.py; one in clear is then refused), signed by the provider (its JWKS, refetched
once for an unknown `kid`), explicitly typed `logout+jwt` when typed, `iss` the
issuer, `aud` our client_id, fresh `iat`/`exp`, a `jti` seen once, the
back-channel logout event, `sid` and/or `sub`, and no `nonce`. The session ended
is remembered in this service's database (`ended_sessions`).
"""

import logging
import time

from flask import Blueprint, jsonify, request
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from requests import RequestException

from . import oidc
from .encryption import NotEncrypted, decryption
from .ended_sessions import AlreadyUsed, ended_sessions_table, remember_ended

EVENT = "http://schemas.openid.net/event/backchannel-logout"
CLOCK_SKEW_SECONDS = 60
MAX_AGE_SECONDS = 300  # an older `iat` is refused: its jti may have left the store
log = logging.getLogger(__name__)
bp = Blueprint("backchannel", __name__)


class InvalidLogoutToken(ValueError):
    pass


def validated_claims(token: str) -> dict:
    decrypting = decryption()
    if decrypting is not None:
        # §2.6: encrypted with the keys and algorithms of our ID tokens; then checked as below.
        try:
            token = decrypting.nested_jwt(token, "logout token")
        except NotEncrypted as error:
            raise InvalidLogoutToken(str(error)) from None
    client = oidc.provider()
    metadata = oidc.provider_metadata()
    algorithms = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    try:
        try:
            decoded = jwt.decode(token, KeySet.import_key_set(client.fetch_jwk_set()), algorithms=algorithms)
        except InvalidKeyIdError:  # the provider rotated its key since we cached the JWKS
            decoded = jwt.decode(token, KeySet.import_key_set(client.fetch_jwk_set(force=True)), algorithms=algorithms)
    except (JoseError, ValueError) as error:
        raise InvalidLogoutToken(f"not a valid token: {error}") from None
    if decoded.header.get("typ", "logout+jwt").lower() not in ("logout+jwt", "application/logout+jwt"):
        raise InvalidLogoutToken("not a logout token (typ)")
    claims = decoded.claims
    registry = jwt.JWTClaimsRegistry(
        leeway=CLOCK_SKEW_SECONDS,
        iss={"essential": True, "value": metadata["issuer"]},
        aud={"essential": True, "value": client.client_id},
        iat={"essential": True},
        exp={"essential": True},
        jti={"essential": True},
    )
    try:
        registry.validate(claims)
    except JoseError as error:
        raise InvalidLogoutToken(f"claims: {error}") from None
    if not isinstance(claims.get("events"), dict) or not isinstance(claims["events"].get(EVENT), dict):
        raise InvalidLogoutToken("no back-channel logout event")
    if "nonce" in claims:
        raise InvalidLogoutToken("a logout token must not carry a nonce")
    if not (claims.get("sid") or claims.get("sub")):
        raise InvalidLogoutToken("neither sid nor sub")
    if claims["iat"] < time.time() - MAX_AGE_SECONDS:
        raise InvalidLogoutToken("issued too long ago")
    return claims


def _answer(status: int, error: str | None = None):
    # §2.8: 200 on success; 400 with an OAuth-style error otherwise; never cached.
    response = jsonify({"error": "invalid_request", "error_description": error} if error else {})
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/backchannel-logout")
def backchannel_logout():
    token = request.form.get("logout_token")
    if not token:
        return _answer(400, "logout_token is missing")
    try:
        claims = validated_claims(token)
        remember_ended(claims)
    except (InvalidLogoutToken, AlreadyUsed) as error:
        log.warning("logout token refused: %s", error)
        return _answer(400, str(error))
    except (oidc.SignInFailed, RequestException) as error:
        log.warning("cannot check a logout token now: %s", error)
        return _answer(503, "the provider's keys cannot be loaded now")
    return _answer(200)


def init_app(app, db) -> None:
    app.extensions["jaki_ended_sessions"] = ended_sessions_table(db.metadata)
    app.register_blueprint(bp)
