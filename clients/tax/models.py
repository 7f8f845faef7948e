"""The tax office's own records: taxpayers, their vehicles and properties, and bills."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

MOTOR_VEHICLE_TAX = "PKB"
LAND_AND_BUILDING_TAX = "PBB"


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
# db.Model, built at runtime from Base, is no class to a type checker: it sees Base.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


def name_key(name):
    """Names compared the way a clerk would: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


class Taxpayer(Model):
    __tablename__ = "taxpayers"

    id: Mapped[int] = mapped_column(primary_key=True)
    nik: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    birthdate: Mapped[date]

    tax_objects: Mapped[list["TaxObject"]] = relationship(back_populates="taxpayer", order_by="TaxObject.kind")


class TaxObject(Model):
    __tablename__ = "tax_objects"

    id: Mapped[int] = mapped_column(primary_key=True)
    taxpayer_id: Mapped[int] = mapped_column(ForeignKey("taxpayers.id"))
    kind: Mapped[str] = mapped_column(String(3))  # PKB or PBB
    reference: Mapped[str] = mapped_column(String(40))  # number plate or NOP
    description: Mapped[str] = mapped_column(String(200))

    taxpayer: Mapped[Taxpayer] = relationship(back_populates="tax_objects")
    bills: Mapped[list["Bill"]] = relationship(back_populates="tax_object", order_by="Bill.year")


class Bill(Model):
    __tablename__ = "tax_bills"

    id: Mapped[int] = mapped_column(primary_key=True)
    tax_object_id: Mapped[int] = mapped_column(ForeignKey("tax_objects.id"))
    year: Mapped[int]
    amount_rupiah: Mapped[int]
    due_date: Mapped[date]
    payment_code: Mapped[str] = mapped_column(String(30), unique=True)
    paid_at: Mapped[datetime | None]

    tax_object: Mapped[TaxObject] = relationship(back_populates="bills")
