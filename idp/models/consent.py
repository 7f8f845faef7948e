"""What a citizen allowed a client to know: an append-only log, not a flag.

`Consent` is the pair (citizen, service): the identity the account pages name and the
row a withdrawal and a token save lock against each other. Everything about it (which
scopes, since when, until when, withdrawn by whom) is in its `ConsentEvent`s; the
current consent is derived from the newest one (idp/services/consent_log.py).
"""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from idp.clock import now
from idp.extensions import Model
from idp.models.types import UTCDateTime


class ConsentKind(enum.StrEnum):
    GRANTED = "granted"  # first given, or given again after a withdrawal or expiry
    WIDENED = "widened"  # more scopes than before
    NARROWED = "narrowed"  # fewer scopes than before
    CHANGED = "changed"  # some added, some taken away
    RENEWED = "renewed"  # the same scopes confirmed again (prompt=consent): a new period
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


# After these the consent stands (until expires_at); after the others it does not.
STANDING_KINDS = frozenset(
    {ConsentKind.GRANTED, ConsentKind.WIDENED, ConsentKind.NARROWED, ConsentKind.CHANGED, ConsentKind.RENEWED}
)


class ConsentActor(enum.StrEnum):
    CITIZEN = "citizen"
    OPERATOR = "operator"
    ACCOUNT_CLOSURE = "account_closure"
    SYSTEM = "system"  # expiry


class Consent(Model):
    __tablename__ = "consent"
    __table_args__ = (UniqueConstraint("citizen_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"), index=True)
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


class ConsentEvent(Model):
    """One change of a consent, never updated: what auditors and receipts rely on."""

    __tablename__ = "consent_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    consent_id: Mapped[int] = mapped_column(ForeignKey("consent.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(20))
    # The scopes granted, and those asked for but left unticked, after this event.
    scope: Mapped[str] = mapped_column(Text, default="")
    declined: Mapped[str] = mapped_column(Text, default="")
    # What the citizen was shown: each scope's purpose as the service registered it,
    # the version of those purposes, and the page's language.
    purposes: Mapped[dict] = mapped_column(JSON, default=dict)
    purpose_version: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(10))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # When the consent standing after this event lapses; None once it no longer stands.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


@event.listens_for(ConsentEvent, "before_update")
def _refuse_changes(mapper, connection, target):
    raise ValueError("consent events are immutable: append a new one")


class ConsentReceipt(Model):
    """The signed receipt of one consent event (idp/services/consent_receipts.py), kept as
    signed: the JWS bytes the citizen downloads are the ones made when the event happened."""

    __tablename__ = "consent_receipt"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("consent_event.id", ondelete="CASCADE"), unique=True)
    receipt_id: Mapped[str] = mapped_column(String(36), unique=True)
    jws: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)


@event.listens_for(ConsentReceipt, "before_update")
def _refuse_receipt_changes(mapper, connection, target):
    raise ValueError("consent receipts are immutable: they are evidence as signed")
