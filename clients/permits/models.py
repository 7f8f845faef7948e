"""The permits office's own tables: the permits it issues and the applications."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
# db.Model, built at runtime from Base, is no class to a type checker: it sees Base.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


class PermitType(Model):
    __tablename__ = "permit_types"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    processing_days: Mapped[int]


class Application(Model):
    __tablename__ = "permit_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    # JAKI ID's pairwise subject for this sector: the applicant's only key here.
    applicant_sub: Mapped[str] = mapped_column(String(255), index=True)
    permit_type_code: Mapped[str] = mapped_column(ForeignKey("permit_types.code"))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_phone: Mapped[str] = mapped_column(String(32))
    applicant_birthdate: Mapped[str | None] = mapped_column(String(10))
    applicant_address: Mapped[str | None] = mapped_column(String(300))
    business_name: Mapped[str] = mapped_column(String(200))
    business_address: Mapped[str] = mapped_column(String(300))
    business_activity: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(40), default="Diajukan")
    created_at: Mapped[datetime] = mapped_column(default=lambda: datetime.now(UTC))
    # The form's one-time id: sent twice (a double tap, back and send again), it makes one application.
    submission_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    permit_type: Mapped[PermitType] = relationship()

    @property
    def reference(self):
        return f"PRZ-{self.id:06d}"
