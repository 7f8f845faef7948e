"""Encrypting a response to the client (OIDC Core 10.2, RFC 7516 compact JWE).

A signed ID token or UserInfo JWT is encrypted as a Nested JWT (`cty: JWT`,
RFC 7519 §5.2): signed by us first, so the client can still check who issued
it after decrypting. UserInfo that is only encrypted is the JWE of its JSON
(OIDC Core 5.3.2). The key is the first of the client's public keys that can
receive the registered `alg` (idp/protocol/encryption_algs.py); its `kid` goes
in the header so the client knows which private key to use.
"""

from joserfc import jwe
from joserfc.jwk import KeySet

from idp.protocol.encryption_algs import can_receive


class NoEncryptionKey(ValueError):
    """The client's keys hold none that can receive this algorithm."""


def recipient_key(keys: KeySet, alg: str):
    for key in keys.keys:
        if can_receive(key.as_dict(private=False), alg):
            return key
    raise NoEncryptionKey(f"the client has no public key for {alg}")


def encrypt(keys: KeySet, alg: str, enc: str, plaintext: bytes | str, nested: bool) -> str:
    key = recipient_key(keys, alg)
    header = {"alg": alg, "enc": enc}
    if nested:
        header["cty"] = "JWT"
    if key.kid:
        header["kid"] = key.kid
    return jwe.encrypt_compact(header, plaintext, key, algorithms=[alg, enc])


def encrypts(client, what: str) -> bool:
    """`what` is "id_token" or "userinfo"."""
    return getattr(client, f"{what}_encrypted_response_alg") is not None


def encrypt_for(client, keys: KeySet, what: str, plaintext: bytes | str, nested: bool) -> str:
    """Encrypt to one of `keys` (the client's, idp/grants/client_auth.client_public_keys)."""
    alg = getattr(client, f"{what}_encrypted_response_alg")
    enc = getattr(client, f"{what}_encrypted_response_enc")
    return encrypt(keys, alg, enc, plaintext, nested)


def check_recipient_key(client, keys: KeySet, what: str) -> None:
    """Raise NoEncryptionKey unless one of `keys` can receive the client's algorithm."""
    recipient_key(keys, getattr(client, f"{what}_encrypted_response_alg"))
