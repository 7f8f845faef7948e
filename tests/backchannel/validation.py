"""A logout token checked the way a relying-party library does (Back-Channel
Logout 1.0 §2.6): signature against the provider's JWKS, then the claims."""

from joserfc import jwt
from joserfc.jwk import KeySet

from tests.conftest import ISSUER

EVENT = "http://schemas.openid.net/event/backchannel-logout"


def validated_logout_token(http, token: str, client_id: str, leeway: int = 60) -> dict:
    metadata = http.get("/.well-known/openid-configuration").get_json()
    keys = KeySet.import_key_set(http.get(metadata["jwks_uri"].removeprefix(ISSUER)).get_json())
    decoded = jwt.decode(token, keys, algorithms=metadata["id_token_signing_alg_values_supported"])
    header, claims = decoded.header, decoded.claims
    assert header["typ"] == "logout+jwt"  # §2.4.1: explicitly typed
    assert header["kid"] in {key.kid for key in keys.keys}
    registry = jwt.JWTClaimsRegistry(
        leeway=leeway,
        iss={"essential": True, "value": ISSUER},
        aud={"essential": True, "value": client_id},
        iat={"essential": True},
        exp={"essential": True},
        jti={"essential": True},
    )
    registry.validate(claims)
    assert set(claims["events"]) == {EVENT} and claims["events"][EVENT] == {}
    assert "sub" in claims or "sid" in claims
    assert "nonce" not in claims  # §2.4: MUST NOT contain a nonce
    return claims
