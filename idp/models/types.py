"""Column types shared by the models."""

from datetime import datetime

from sqlalchemy import DateTime, TypeDecorator

from idp.clock import aware


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect):
        return aware(value)
