"""The JWE algorithms a client may register for its ID tokens and UserInfo
(OIDC Registration §2, `*_encrypted_response_alg` / `_enc`), and which of its
public keys can receive each one (RFC 7518 §4.3 RSA-OAEP-256, §4.6 ECDH-ES+A256KW).
"""

ENCRYPTION_ALGS = ("RSA-OAEP-256", "ECDH-ES+A256KW")
ENCRYPTION_ENCS = ("A256GCM",)
# OIDC Registration §2: an `_alg` without `_enc` means A128CBC-HS256, which we do not offer.
REGISTRATION_DEFAULT_ENC = "A128CBC-HS256"

_KEY_TYPES: dict[str, set[tuple[str, str | None]]] = {
    "RSA-OAEP-256": {("RSA", None)},
    "ECDH-ES+A256KW": {("EC", "P-256"), ("EC", "P-384"), ("EC", "P-521"), ("OKP", "X25519")},
}


def can_receive(jwk: dict, alg: str) -> bool:
    """Whether this public JWK can be used to encrypt to its owner with `alg`."""
    if jwk.get("use") not in (None, "enc"):
        return False
    if jwk.get("alg") not in (None, alg):
        return False
    if "key_ops" in jwk and "encrypt" not in jwk["key_ops"] and "wrapKey" not in jwk["key_ops"]:
        return False
    curve = jwk.get("crv") if jwk.get("kty") in ("EC", "OKP") else None
    return (jwk.get("kty"), curve) in _KEY_TYPES.get(alg, set())
