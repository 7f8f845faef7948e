"""Initial access tokens (RFC 7591 §3): an operator issues one to an agency, and
with it the agency registers its services itself, within the scopes and the
pairwise sector the token allows."""

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime


class InitialAccessToken(Model):
    __tablename__ = "initial_access_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256; the value is shown once
    agency: Mapped[str] = mapped_column(String(100))
    scopes: Mapped[str] = mapped_column(Text)  # the most a client registered with it may be allowed
    sector: Mapped[str] = mapped_column(String(255))  # the pairwise sector of every such client
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
