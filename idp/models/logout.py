"""Back-channel logout deliveries (OpenID Connect Back-Channel Logout 1.0):
one row per logout token owed to a client, kept until it is delivered or given up."""

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime


class LogoutDelivery(Model):
    __tablename__ = "logout_delivery"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    # What the token says, as the client knows the citizen: the pairwise sub and the
    # per-client sid. The token itself is signed at each attempt (its exp is short).
    subject: Mapped[str] = mapped_column(String(64))
    session_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # Due when next_attempt_at has passed; an attempt claims the row by moving it ahead,
    # so a worker that dies mid-attempt leaves it due again after that lease.
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # given up: the operator's list
    last_error: Mapped[str | None] = mapped_column(Text)
