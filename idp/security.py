"""Random secrets and how they are stored: digests only, never plaintext;
what must be read back (signing keys, TOTP secrets) is encrypted with the
key-encryption key."""

import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet
from flask import current_app


def random_token() -> str:
    """256 bits of randomness, URL-safe."""
    return secrets.token_urlsafe(32)


def digest(value: str) -> str:
    """SHA-256 of a high-entropy secret (codes, tokens, session ids)."""
    return hashlib.sha256(value.encode()).hexdigest()


def client_secret_digest(secret: str) -> str:
    """Keyed digest: a leaked table alone cannot be used to test guesses."""
    pepper = current_app.config["CLIENT_SECRET_PEPPER"].encode()
    return hmac.new(pepper, secret.encode(), hashlib.sha256).hexdigest()


def verify_client_secret(secret: str, stored_digest: str) -> bool:
    return hmac.compare_digest(client_secret_digest(secret), stored_digest)


def encrypt_at_rest(plaintext: bytes) -> bytes:
    return Fernet(current_app.config["KEY_ENCRYPTION_KEY"].encode()).encrypt(plaintext)


def decrypt_at_rest(ciphertext: bytes) -> bytes:
    return Fernet(current_app.config["KEY_ENCRYPTION_KEY"].encode()).decrypt(ciphertext)
