"""What a citizen allowed a client to know: a row, not a session flag."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime


class Consent(Model):
    __tablename__ = "consent"
    __table_args__ = (UniqueConstraint("citizen_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    scope: Mapped[str] = mapped_column(Text)
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def covers(self, scopes: set[str]) -> bool:
        return self.revoked_at is None and scopes <= set(self.scope.split())
