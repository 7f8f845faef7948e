"""Replay caches (client-assertion `jti`) in the rate-limit storage.

`memory://` in development (one process), Redis in production so that every
worker sees every `jti`.
"""

from idp.extensions import limiter


def first_use(key: str, ttl_seconds: int) -> bool:
    """True the first time `key` is seen within `ttl_seconds`, atomically."""
    return limiter.storage.incr(f"replay/{key}", max(ttl_seconds, 1)) == 1
