"""A client's public keys from its jwks_uri (OIDC Registration §2, RFC 7523 §3).

Fetched through the guarded fetcher and kept for CLIENT_JWKS_CACHE_SECONDS per
worker. A client that rotates its key signs with a `kid` we have not seen: then
the JWKS is fetched again at once, but at most once in each
CLIENT_JWKS_REFETCH_SECONDS window for that URI across all workers (the limiter's
storage), so a stream of made-up `kid`s cannot make us hammer the agency.
"""

import threading
from collections.abc import Callable

from flask import current_app
from joserfc.errors import JoseError
from joserfc.jwk import GuestProtocol, KeySet

from idp.clock import timestamp
from idp.outbound.addresses import FetchRefused
from idp.outbound.fetch import fetch_json
from idp.protocol.replay import first_use
from idp.security import digest

CACHE_ENTRIES = 1000
_cache: dict[str, tuple[int, KeySet]] = {}  # jwks_uri → (fetched at, keys)
_lock = threading.Lock()


def key_resolver(jwks_uri: str) -> Callable[[GuestProtocol], KeySet]:
    """For joserfc: the keys to verify a JWS with, refetched if its `kid` is new to us."""

    def resolve(token: GuestProtocol) -> KeySet:
        keys = key_set(jwks_uri)
        kid = token.headers().get("kid")
        if kid and not _holds(keys, kid) and _may_refetch(jwks_uri):
            keys = key_set(jwks_uri, fresh=True)
        return keys

    return resolve


def key_set(jwks_uri: str, fresh: bool = False) -> KeySet:
    now = timestamp()
    with _lock:
        cached = _cache.get(jwks_uri)
    if cached and not fresh and now - cached[0] < current_app.config["CLIENT_JWKS_CACHE_SECONDS"]:
        return cached[1]
    document = fetch_json(jwks_uri)
    try:
        keys = KeySet.import_key_set(document)
    except (JoseError, ValueError, TypeError, KeyError) as error:
        raise FetchRefused(f"{jwks_uri} is not a JWKS: {error}") from None
    with _lock:
        if len(_cache) >= CACHE_ENTRIES:
            _cache.clear()
        _cache[jwks_uri] = (now, keys)
    return keys


def forget(jwks_uri: str | None = None) -> None:
    """Drop the cached keys (of one URI, or all): a client changed its jwks_uri."""
    with _lock:
        if jwks_uri is None:
            _cache.clear()
        else:
            _cache.pop(jwks_uri, None)


def _holds(keys: KeySet, kid: str) -> bool:
    return any(key.kid == kid for key in keys.keys)


def _may_refetch(jwks_uri: str) -> bool:
    # Once per window of the interval: the window is in the key, so our clock decides
    # (the storage's own expiry only cleans up).
    interval = current_app.config["CLIENT_JWKS_REFETCH_SECONDS"]
    return first_use(f"jwks-refetch:{digest(jwks_uri)}:{timestamp() // interval}", interval)
