"""Browser sign-in sessions and paused authorization requests."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime


class BrowserSession(Model):
    """A signed-in browser. The cookie holds a random id; we store its digest."""

    __tablename__ = "browser_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    cookie_digest: Mapped[str] = mapped_column(String(64), unique=True)
    sid: Mapped[str] = mapped_column(String(64), unique=True)  # binds codes and tokens to the session
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"), index=True)
    auth_time: Mapped[int] = mapped_column(Integer)
    amr: Mapped[list] = mapped_column(JSON)
    # When the citizen last proved the second factor (step-up to loa:2); it expires.
    second_factor_at: Mapped[int | None] = mapped_column(Integer)
    # When the citizen last proved it is them to change the phone number; it expires.
    phone_change_proof_at: Mapped[int | None] = mapped_column(Integer)
    user_agent: Mapped[str | None] = mapped_column(Text)
    ip_address: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # The same citizen's session on this browser that this one replaced (a new sign-in:
    # prompt=login, max_age, a step-up): the services signed in through it are told
    # when this one ends (Back-Channel Logout 1.0).
    continues_sid: Mapped[str | None] = mapped_column(String(64))

    citizen = relationship("Citizen")


class Interaction(Model):
    """The authorization transaction: a request paused for sign-in or consent, and
    how far the sign-in has come. idp/interaction/ reads and moves it.

    Stored server-side so the citizen cannot edit it between steps; bound to the
    browser that started it. Without a client it is a sign-in to JAKI ID's own
    pages, which then returns to `return_to`.
    """

    __tablename__ = "interaction"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    browser_id: Mapped[str] = mapped_column(String(64), index=True)
    client_id: Mapped[str | None] = mapped_column(String(64))
    params: Mapped[dict] = mapped_column(JSON)
    return_to: Mapped[str | None] = mapped_column(Text)
    # The code on its way (its row holds the number, bound to this browser).
    challenge_id: Mapped[str | None] = mapped_column(String(64))
    # Whose number came back, and when: the citizen signing in, before the session starts.
    citizen_id: Mapped[str | None] = mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"))
    phone_verified_at: Mapped[int | None] = mapped_column(Integer)
    # The authenticator was proven during this sign-in, before the session starts.
    second_factor_at: Mapped[int | None] = mapped_column(Integer)
    # Set once the citizen signed in during this interaction (prompt=login, max_age).
    authenticated_at: Mapped[int | None] = mapped_column(Integer)
    # Set once the citizen pressed Allow during this interaction (prompt=consent).
    consented_at: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
