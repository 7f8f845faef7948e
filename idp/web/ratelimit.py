"""Counters for abuse controls, in Flask-Limiter's storage.

`memory://` in development, Redis in production, so every worker behind the
load balancer counts together. Limits are moving windows: they expire on
their own, so nobody is locked out for good.
"""

import math
import time
from dataclasses import dataclass

from limits import parse

from idp.extensions import limiter


@dataclass
class Verdict:
    allowed: bool
    retry_after_seconds: int = 0


def hit(limit: str, *key: str) -> Verdict:
    """Count one event against `limit` (e.g. "3 per 15 minutes") for `key`."""
    item = parse(limit)
    strategy = limiter.limiter
    if strategy.hit(item, *key):
        return Verdict(True)
    return Verdict(False, retry_after(limit, *key))


def test(limit: str, *key: str) -> bool:
    """Would one more event be allowed? Counts nothing."""
    return limiter.limiter.test(parse(limit), *key)


def retry_after(limit: str, *key: str) -> int:
    stats = limiter.limiter.get_window_stats(parse(limit), *key)
    # Redis rounds window timestamps to ~0.1 ms: don't let that cost a second.
    return max(math.floor(stats.reset_time - time.time() + 0.01) + 1, 1)
