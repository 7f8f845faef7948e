"""DPoP proofs (RFC 9449 §4.3): every check a proof must pass, and server nonces (§8).

`check_proof` returns the proof key's JWK thumbprint (RFC 7638, the `jkt` tokens and
codes are bound to) or raises DPoPError. The `jti` replay cache is the shared one
(idp/protocol/replay.py): Redis in production, so every worker sees every proof.
"""

import base64
import hashlib
import hmac
import json
from urllib.parse import urlsplit

from flask import current_app
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import import_key

from idp.clock import timestamp
from idp.protocol.replay import first_use

# Asymmetric only (RFC 9449 §4.3 step 5); FAPI 2.0 §5.4 narrows them to these three.
ALGS = ("ES256", "PS256", "EdDSA")
KEY_TYPES = ("EC", "RSA", "OKP")
# RFC 7517/7518 members that only a private (or symmetric) key has.
PRIVATE_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
MAX_JTI_LENGTH = 256


def _registry() -> jws.JWSRegistry:
    # The public key travels in the header: an RSA-4096 jwk needs more than joserfc's 512 bytes.
    registry = jws.JWSRegistry(algorithms=list(ALGS), strict_check_header=False)
    registry.max_header_length = 4096
    return registry


REGISTRY = _registry()


class DPoPError(Exception):
    """RFC 9449 §4.3, §7.1: the proof is not acceptable."""

    error = "invalid_dpop_proof"

    def __init__(self, description: str):
        super().__init__(description)
        self.description = description


class UseDPoPNonce(DPoPError):
    """RFC 9449 §8: the proof must carry the nonce we supply in the DPoP-Nonce header."""

    error = "use_dpop_nonce"


def thumbprint_of_access_token(access_token: str) -> str:
    """RFC 9449 §4.2 `ath`: base64url of the SHA-256 of the access token's ASCII."""
    return _b64(hashlib.sha256(access_token.encode("ascii")).digest())


def check_proof(values: list[str], method: str, url: str, access_token: str | None = None) -> str:
    """Check the DPoP header values of one request; the proof key's thumbprint."""
    if len(values) != 1 or "," in values[0]:  # a proxy may have joined two headers with a comma
        raise DPoPError("Send exactly one DPoP proof.")
    proof = values[0].strip()
    try:
        header = jws.extract_compact(proof.encode(), registry=REGISTRY).headers()
    except (JoseError, ValueError, UnicodeError):
        raise DPoPError("The DPoP proof is not a JWT.") from None
    key = _proof_key(header)
    try:
        claims = json.loads(jws.deserialize_compact(proof, key, algorithms=[header["alg"]], registry=REGISTRY).payload)
    except (JoseError, ValueError):
        raise DPoPError("The DPoP proof's signature does not verify with its jwk.") from None
    if not isinstance(claims, dict):
        raise DPoPError("The DPoP proof's payload is not a JSON object.")
    _check_claims(claims, method, url, access_token)
    jkt = key.thumbprint()
    if not first_use(f"dpop:{jkt}:{claims['jti']}", proof_lifetime_seconds()):
        raise DPoPError("This DPoP proof was used before (jti).")
    return jkt


def _proof_key(header: dict):
    """RFC 9449 §4.3 steps 4-7: typ, an asymmetric alg, a public jwk."""
    if header.get("typ") != "dpop+jwt":
        raise DPoPError("The DPoP proof's typ must be dpop+jwt.")
    if header.get("alg") not in ALGS:
        raise DPoPError(f"The DPoP proof's alg must be one of {', '.join(ALGS)}.")
    jwk = header.get("jwk")
    if not isinstance(jwk, dict) or jwk.get("kty") not in KEY_TYPES:
        raise DPoPError("The DPoP proof must carry its public key as jwk.")
    if PRIVATE_MEMBERS & jwk.keys():
        raise DPoPError("The DPoP proof's jwk must not contain a private key.")
    try:
        return import_key(jwk)
    except (JoseError, ValueError, TypeError):
        raise DPoPError("The DPoP proof's jwk is not a usable key.") from None


def _check_claims(claims: dict, method: str, url: str, access_token: str | None) -> None:
    """RFC 9449 §4.3 steps 8-12."""
    jti, iat = claims.get("jti"), claims.get("iat")
    if not isinstance(jti, str) or not 0 < len(jti) <= MAX_JTI_LENGTH:
        raise DPoPError("The DPoP proof needs a jti.")
    if claims.get("htm") != method:
        raise DPoPError("The DPoP proof's htm is not this request's method.")
    htu = claims.get("htu")
    if not isinstance(htu, str) or normalized_uri(htu) != normalized_uri(url):
        raise DPoPError("The DPoP proof's htu is not this endpoint.")
    if not isinstance(iat, (int, float)) or isinstance(iat, bool):
        raise DPoPError("The DPoP proof needs an iat.")
    skew = current_app.config["CLOCK_SKEW_SECONDS"]
    # FAPI 2.0 5.3.2.1-13: up to 10 s ahead accepted, more than 60 s refused.
    if iat > timestamp() + skew or iat < timestamp() - current_app.config["DPOP_PROOF_MAX_AGE_SECONDS"] - skew:
        raise DPoPError("The DPoP proof's iat is too far from now.")
    if current_app.config["DPOP_NONCE_REQUIRED"] and not is_current_nonce(claims.get("nonce")):
        raise UseDPoPNonce("Sign the DPoP proof with the nonce in the DPoP-Nonce header.")
    if access_token is not None and claims.get("ath") != thumbprint_of_access_token(access_token):
        raise DPoPError("The DPoP proof's ath is not this access token's hash.")


def proof_lifetime_seconds() -> int:
    """How long a jti must be remembered: as long as its iat is acceptable."""
    return current_app.config["DPOP_PROOF_MAX_AGE_SECONDS"] + 2 * current_app.config["CLOCK_SKEW_SECONDS"]


def normalized_uri(uri: str) -> str:
    """RFC 9449 §4.3 step 9: scheme and host case, default port, no query or fragment
    (RFC 3986 §6.2.2-6.2.3)."""
    parts = urlsplit(uri)
    try:
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if (scheme, port) in (("https", 443), ("http", 80)):
        port = None
    netloc = (parts.hostname or "") + (f":{port}" if port else "")
    return f"{scheme}://{netloc}{parts.path or '/'}"


# --- Server nonces (RFC 9449 §8): stateless, an HMAC of the time window ----------------


def current_nonce() -> str:
    return _nonce(timestamp() // current_app.config["DPOP_NONCE_PERIOD_SECONDS"])


def is_current_nonce(value) -> bool:
    """This window's nonce or the previous one's, so a nonce just handed out still works."""
    if not isinstance(value, str):
        return False
    window = timestamp() // current_app.config["DPOP_NONCE_PERIOD_SECONDS"]
    return any(hmac.compare_digest(value, _nonce(w)) for w in (window, window - 1))


def _nonce(window: int) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return _b64(hmac.new(secret, f"dpop-nonce:{window}".encode(), hashlib.sha256).digest())


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
