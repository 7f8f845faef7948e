"""The audit log: an append-only, hash-chained list of events (idp/audit/).

`audit_event` is never updated nor deleted (database triggers refuse it, see
migration 0008); only rows covered by a signed prune checkpoint may go.
`audit_chain_head` is one row holding the newest seq and hash: appenders lock
it, so the chain has one order under concurrent writers, and `verify` notices
a tail cut off the log. `audit_checkpoint` keeps every signed statement of the
head; a `prune` checkpoint is where `verify` starts after archived rows went.
"""

from datetime import datetime

from sqlalchemy import JSON, BigInteger, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from idp.extensions import Model
from idp.models.types import UTCDateTime

GENESIS_HASH = "0" * 64
ACTOR_KINDS = ("citizen", "staff", "client", "system", "anonymous")
CHECKPOINT_KINDS = ("checkpoint", "prune")


class AuditEvent(Model):
    __tablename__ = "audit_event"
    __table_args__ = (
        CheckConstraint(
            "actor_kind IN ('citizen', 'staff', 'client', 'system', 'anonymous')", name="ck_audit_event_actor_kind"
        ),
    )

    # Position in the chain: 1, 2, 3 ... without gaps (a sequence would leave gaps on rollback).
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    time: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    type: Mapped[str] = mapped_column(String(48), index=True)
    actor_kind: Mapped[str] = mapped_column(String(16))
    # A citizen's pseudonym, a staff member's id, a client_id; None for the system.
    actor_id: Mapped[str | None] = mapped_column(String(64))
    client_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # The pseudonym of the citizen the event is about (never the internal id).
    citizen: Mapped[str | None] = mapped_column(String(64), index=True)
    # Never a phone number, NIK, code, token or secret (idp/audit/details.py refuses them).
    details: Mapped[dict] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditChainHead(Model):
    """Exactly one row (id 1): the newest event's seq and hash."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (CheckConstraint("id = 1", name="ck_audit_chain_head_single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class AuditCheckpoint(Model):
    """A signed statement (JWS) of the head: seq (= events ever appended) and hash."""

    __tablename__ = "audit_checkpoint"
    __table_args__ = (CheckConstraint("kind IN ('checkpoint', 'prune')", name="ck_audit_checkpoint_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(BigInteger, index=True)
    hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    jws: Mapped[str] = mapped_column(Text)


class AuditPseudonym(Model):
    """Which citizen a pseudonym names: read only by an auditor's justified reveal.

    Deleted with the citizen, so a closed account's events stay in the chain but
    name nobody any more.
    """

    __tablename__ = "audit_pseudonym"

    pseudonym: Mapped[str] = mapped_column(String(64), primary_key=True)
    citizen_id: Mapped[str] = mapped_column(ForeignKey("citizen.id", ondelete="CASCADE"), unique=True)
