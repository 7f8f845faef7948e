"""One place to read the time, so tests can move it."""

import time
from datetime import datetime, timezone


def now() -> datetime:
    return datetime.fromtimestamp(time.time(), tz=timezone.utc)


def timestamp() -> int:
    return int(time.time())


def aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; treat them as the UTC they were stored as."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value
