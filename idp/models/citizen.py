"""A citizen (warga): one verified phone, a short profile."""

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from ..clock import now
from ..extensions import db
from .types import UTCDateTime


class Citizen(db.Model):
    __tablename__ = "citizen"

    # Internal identifier: never leaves the provider (clients get a pairwise sub).
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=lambda: uuid.uuid4().hex)
    phone_number: Mapped[str] = mapped_column(String(20), unique=True)  # E.164
    phone_number_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    name: Mapped[str | None] = mapped_column(String(200))
    birthdate: Mapped[date | None] = mapped_column(Date)
    locale: Mapped[str] = mapped_column(String(10), default="id")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    @property
    def has_profile(self) -> bool:
        return bool(self.name and self.birthdate)
