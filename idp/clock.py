"""One place to read the time, so tests can move it.

Read through time.time() at every call, never a copy of it nor datetime.now():
the tests' clock (tests/clock.py) moves time.time itself, because the rate
limiter's storage, joserfc and Authlib read it too, and all must agree.
"""

import time
from datetime import UTC, datetime


def now() -> datetime:
    return datetime.fromtimestamp(time.time(), tz=UTC)


def timestamp() -> int:
    return int(time.time())


def aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; treat them as the UTC they were stored as."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
