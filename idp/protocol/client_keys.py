"""A client's public keys (RFC 7517 JWK Set, OIDC Registration §2 `jwks`) as we accept
them: public halves only, and each key usable for something we do with a client's key —
verifying its private_key_jwt assertions and request objects (RFC 7523, RFC 9101), or
encrypting its ID tokens, UserInfo and logout tokens (idp/protocol/encryption_algs.py).
A key we could never use is refused at once rather than found useless at sign-in.
"""

import base64
from typing import Any

from joserfc.errors import JoseError
from joserfc.jwk import JWKRegistry

from idp.protocol.encryption_algs import ENCRYPTION_ALGS, can_receive

SIGNING_ALGS = ("RS256", "PS256", "ES256", "EdDSA")  # those of client assertions (client_auth.py)
PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")
MIN_RSA_BITS = 2048  # NIST SP 800-57; FAPI 2.0 §5.4.1 asks the same
SIGNING_KEY_TYPES = {("RSA", None), ("EC", "P-256"), ("OKP", "Ed25519")}


def jwks_problem(jwks: Any) -> str | None:
    """What is wrong with a JWK Set a client registers, or None."""
    keys = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(keys, list) or not keys:
        return "jwks must be a JSON object with a non-empty 'keys' list"
    kids = [key.get("kid") for key in keys if isinstance(key, dict) and key.get("kid")]
    if len(kids) != len(set(kids)):
        return "jwks holds two keys with the same kid"
    for number, key in enumerate(keys, start=1):
        if problem := key_problem(key):
            return f"key {number} of jwks: {problem}"
    return None


def key_problem(key: Any) -> str | None:
    if not isinstance(key, dict):
        return "a key must be a JSON object"
    if any(member in key for member in PRIVATE_MEMBERS):
        return "jwks must hold public keys only (no private or symmetric key)"
    try:
        JWKRegistry.import_key(key)
    except (JoseError, ValueError, TypeError, KeyError) as error:
        return f"not a valid public JWK ({error})"
    if key.get("use") not in (None, "sig", "enc"):
        return "use must be sig or enc"
    if key.get("alg") is not None and key["alg"] not in (*SIGNING_ALGS, *ENCRYPTION_ALGS):
        return f"alg {key['alg']} is not one JAKI ID uses; one of {(*SIGNING_ALGS, *ENCRYPTION_ALGS)}"
    if key.get("kty") == "RSA" and _modulus_bits(key.get("n", "")) < MIN_RSA_BITS:
        return f"an RSA key must have at least {MIN_RSA_BITS} bits"
    if not (_signs(key) or any(can_receive(key, alg) for alg in ENCRYPTION_ALGS)):
        return "no algorithm JAKI ID uses fits this key (its kty, crv, use and alg)"
    return None


def _signs(key: dict) -> bool:
    if key.get("use") == "enc" or key.get("alg") in ENCRYPTION_ALGS:
        return False
    curve = key.get("crv") if key.get("kty") in ("EC", "OKP") else None
    return (key.get("kty"), curve) in SIGNING_KEY_TYPES


def _modulus_bits(n: str) -> int:
    padded = n + "=" * (-len(n) % 4)
    return int.from_bytes(base64.urlsafe_b64decode(padded), "big").bit_length()
