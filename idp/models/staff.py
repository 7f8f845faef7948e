"""City staff (operators, auditors) and their sign-in sessions.

Staff are a separate kind of identity: they sign in with a username,
password and TOTP on /staff, never through the citizens' phone sign-in.
"""

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime

ROLES = ("operator", "auditor")


class StaffMember(Model):
    __tablename__ = "staff_member"
    __table_args__ = (
        CheckConstraint("role IN ('operator', 'auditor')", name="ck_staff_member_role"),
        CheckConstraint("username = lower(username)", name="ck_staff_member_username_lowercase"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))  # Argon2id, PHC string format
    totp_secret_encrypted: Mapped[bytes] = mapped_column(LargeBinary)  # Fernet, key-encryption key
    # The newest TOTP time step accepted: a code from this step or earlier is a replay.
    totp_last_used_step: Mapped[int | None] = mapped_column(BigInteger)
    # Wrong passwords and codes since the last complete sign-in (shown by `flask staff list`).
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StaffSession(Model):
    """A staff browser. The cookie holds a random value; we store its digest.

    The row exists from the correct password on; it signs nobody in until
    the TOTP step sets `authenticated_at`.
    """

    __tablename__ = "staff_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    cookie_digest: Mapped[str] = mapped_column(String(64), unique=True)
    staff_member_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"), index=True)
    user_agent: Mapped[str | None] = mapped_column(Text)
    ip_address: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
    authenticated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)

    staff_member = relationship("StaffMember")
