"""Random secrets and how they are stored: digests only, never plaintext;
what must be read back (signing keys, TOTP secrets) is encrypted with the
key-encryption key."""

import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, MultiFernet
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


def key_encryption_keys(setting: str) -> list[str]:
    """KEY_ENCRYPTION_KEY is one Fernet key, or several separated by commas while it is
    being changed: the first encrypts, every one decrypts (docs/operations.md)."""
    return [key.strip() for key in setting.split(",") if key.strip()]


def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in key_encryption_keys(current_app.config["KEY_ENCRYPTION_KEY"])])


def encrypt_at_rest(plaintext: bytes) -> bytes:
    return _fernet().encrypt(plaintext)


def decrypt_at_rest(ciphertext: bytes) -> bytes:
    return _fernet().decrypt(ciphertext)


def reencrypt_at_rest(ciphertext: bytes) -> bytes:
    """The same plaintext, encrypted with the first (the new) key-encryption key."""
    return _fernet().rotate(ciphertext)
