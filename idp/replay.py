"""Replay caches (client-assertion `jti`) in the rate-limit storage.

`memory://` in development (one process), Redis in production so that every
worker sees every `jti`.
"""

from flask import current_app
from limits.storage import storage_from_string


def _storage():
    extension = current_app.extensions.setdefault("jaki_replay_storage", {})
    uri = current_app.config["RATELIMIT_STORAGE_URI"]
    if uri not in extension:
        extension[uri] = storage_from_string(uri)
    return extension[uri]


def first_use(key: str, ttl_seconds: int) -> bool:
    """True the first time `key` is seen within `ttl_seconds`, atomically."""
    return _storage().incr(f"replay:{key}", max(ttl_seconds, 1)) == 1
