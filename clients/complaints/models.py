"""Jaklapor's own tables: reports, and nothing about who the reporters are."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

CATEGORIES = (
    "Jalan rusak",
    "Banjir atau genangan",
    "Sampah menumpuk",
    "Lampu jalan mati",
    "Pohon tumbang",
    "Parkir liar",
)


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
# db.Model, built at runtime from Base, is no class to a type checker: it sees Base.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


class Report(Model):
    __tablename__ = "complaint_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The only trace of the reporter: JAKI ID's pairwise subject for this sector.
    reporter_sub: Mapped[str] = mapped_column(String(255), index=True)
    category: Mapped[str] = mapped_column(String(80))
    location: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(40), default="Diterima")
    created_at: Mapped[datetime] = mapped_column(default=lambda: datetime.now(UTC))
