"""Counters for abuse controls, in Flask-Limiter's storage.

`memory://` in development, Redis in production, so every worker behind the
load balancer counts together. Limits are moving windows: they expire on
their own, so nobody is locked out for good.

Every per-IP counter names the client by address_key(): an IPv6 client is
its /64, since one subscriber is handed at least a /64 (RFC 6177) and could
otherwise take a fresh address, and a fresh quota, for every request.
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from flask import has_request_context, request
from limits import parse

from idp.extensions import limiter


@dataclass
class Verdict:
    allowed: bool
    retry_after_seconds: int = 0


def address_key(address: str | None) -> str:
    """The rate-limit key of a client address: IPv4 as it is, IPv6 as its /64 network."""
    try:
        # A zone ("fe80::1%eth0") names the local interface, not the client.
        ip = ipaddress.ip_address((address or "").split("%")[0])
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # ::ffff:192.0.2.1 is the IPv4 client 192.0.2.1
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def client_address_key() -> str:
    """address_key() of the client of this request (behind ProxyFix, the forwarded address)."""
    return address_key(request.remote_addr if has_request_context() else None)


def hit(limit: str, *key: str) -> Verdict:
    """Count one event against `limit` (e.g. "3 per 15 minutes") for `key`."""
    item = parse(limit)
    strategy = limiter.limiter
    if strategy.hit(item, *key):
        return Verdict(True)
    return Verdict(False, retry_after(limit, *key))


def clear(limit: str, *key: str) -> None:
    """Forget every event counted against `limit` for `key`."""
    limiter.limiter.clear(parse(limit), *key)


def test(limit: str, *key: str) -> bool:
    """Would one more event be allowed? Counts nothing."""
    return limiter.limiter.test(parse(limit), *key)


def retry_after(limit: str, *key: str) -> int:
    stats = limiter.limiter.get_window_stats(parse(limit), *key)
    # Redis rounds window timestamps to ~0.1 ms: don't let that cost a second.
    return max(math.floor(stats.reset_time - time.time() + 0.01) + 1, 1)
