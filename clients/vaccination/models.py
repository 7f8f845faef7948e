"""The health office's own tables: vaccination sites, their slots and bookings."""

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
# db.Model, built at runtime from Base, is no class to a type checker: it sees Base.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


class Site(Model):
    __tablename__ = "vaccination_sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    street_address: Mapped[str] = mapped_column(String(200))
    district: Mapped[str] = mapped_column(String(80))  # kelurahan, kecamatan
    city: Mapped[str] = mapped_column(String(80))
    postal_code: Mapped[str] = mapped_column(String(10))
    phone: Mapped[str] = mapped_column(String(32))
    latitude: Mapped[float]
    longitude: Mapped[float]

    @property
    def full_address(self):
        return f"{self.street_address}, {self.district}, {self.city} {self.postal_code}"

    @property
    def phone_uri(self):
        # RFC 3966 wants the international form: (021) 3190 1001 -> tel:+622131901001
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"tel:+62{digits.removeprefix('0')}"

    @property
    def map_url(self):
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=18/{self.latitude}/{self.longitude}"
        )


class Slot(Model):
    __tablename__ = "vaccination_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("vaccination_sites.id"))
    day: Mapped[date]
    starts_at: Mapped[time]
    capacity: Mapped[int]

    site: Mapped[Site] = relationship()


class Booking(Model):
    __tablename__ = "vaccination_bookings"

    id: Mapped[int] = mapped_column(primary_key=True)
    # One booking per citizen, known here only by the pairwise `sub`.
    citizen_sub: Mapped[str] = mapped_column(String(255), unique=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("vaccination_slots.id"))
    created_at: Mapped[datetime] = mapped_column(default=lambda: datetime.now(UTC))

    slot: Mapped[Slot] = relationship()

    @property
    def reference(self):
        return f"VKS-{self.id:06d}"
