"""Appending to the audit log, in the same transaction as the change it records.

`append()` only queues the event on the database session; it is written when
that session commits, inside the same transaction, and forgotten when it rolls
back: no consent without its event, no event for a change that did not happen.

Writing at commit also orders the locks. The pending changes are flushed
first, then the chain head row is locked (one row, `audit_chain_head`): it is
the last lock any transaction takes, so appenders queue on it, never deadlock
on it, and hold it only for the inserts and the commit. Under the lock the
events get the next seq numbers and their links:
hash = SHA-256(prev_hash || canonical JSON) (idp/audit/chain.py).
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import click
from flask import g, has_request_context
from sqlalchemy import event, insert, update
from sqlalchemy.orm import Session, SessionTransaction

from idp.audit.chain import link_hash
from idp.audit.details import check_details
from idp.audit.pseudonyms import pseudonym_of, remember
from idp.clock import now
from idp.extensions import db
from idp.models import AuditChainHead, AuditEvent

PENDING = "audit_events_pending"  # Session.info key


@dataclass(frozen=True)
class Actor:
    """Who acted: a citizen (internal id, written as a pseudonym), staff (id), client, system, anonymous."""

    kind: str
    id: str | None = None


SYSTEM = Actor("system")
CLI = Actor("system", "cli")  # an operator at the command line
ANONYMOUS = Actor("anonymous")


def citizen(citizen_id: str) -> Actor:
    return Actor("citizen", citizen_id)


def staff(staff_id: int) -> Actor:
    return Actor("staff", str(staff_id))


def client(client_id: str) -> Actor:
    return Actor("client", client_id)


def acting(citizen_id: str | None = None) -> Actor:
    """Who is acting: the staff member of a staff page, an operator at the command line
    (`flask ...`), else the citizen the event is about, else the system."""
    if has_request_context():
        staff_member = g.get("staff_member")
        if staff_member is not None:
            return staff(staff_member.id)
    elif click.get_current_context(silent=True) is not None:
        return CLI
    return Actor("citizen", citizen_id) if citizen_id else SYSTEM


@dataclass
class _Pending:
    time: datetime
    type: str
    actor: Actor
    client_id: str | None
    citizen_id: str | None
    details: dict[str, Any] = field(default_factory=dict)


def append(
    type: str,
    *,
    actor: Actor | None = None,
    citizen_id: str | None = None,
    client_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Record an event with the current transaction. The actor defaults to whoever is
    acting (see `acting`). `citizen_id` is the internal id: the log keeps only its pseudonym."""
    actor = actor or acting(citizen_id)
    pending = _Pending(now(), type, actor, client_id, citizen_id, check_details(dict(details or {})))
    session = db.session()
    # Begin the transaction the event belongs to, so that its rollback forgets the event
    # even when nothing else was done in it yet.
    session.connection()
    session.info.setdefault(PENDING, []).append(pending)


def write_pending(session: Session) -> None:
    """before_commit: write the session's queued events as the next links of the chain."""
    pending: list[_Pending] = session.info.pop(PENDING, [])
    if not pending:
        return
    session.flush()  # every other row lock first: the head is the last one taken
    remember(session, {p.citizen_id for p in pending if p.citizen_id} | _citizen_actors(pending))
    # Lock the head and read it in one statement (an UPDATE locks on every database).
    lock = update(AuditChainHead).where(AuditChainHead.id == 1).values(seq=AuditChainHead.seq)
    seq, prev_hash = session.execute(lock.returning(AuditChainHead.seq, AuditChainHead.hash)).one()
    rows = []
    for item in pending:
        seq += 1
        row = _row(seq, item)
        row["prev_hash"] = prev_hash
        row["hash"] = prev_hash = link_hash(prev_hash, row)
        rows.append(row)
    session.execute(insert(AuditEvent), rows)
    session.execute(update(AuditChainHead).where(AuditChainHead.id == 1).values(seq=seq, hash=prev_hash))


def _citizen_actors(pending: list[_Pending]) -> set[str]:
    return {p.actor.id for p in pending if p.actor.kind == "citizen" and p.actor.id}


def _row(seq: int, item: _Pending) -> dict[str, Any]:
    actor_id = item.actor.id
    if item.actor.kind == "citizen" and actor_id:
        actor_id = pseudonym_of(actor_id)
    return {
        "seq": seq,
        "time": item.time,
        "type": item.type,
        "actor_kind": item.actor.kind,
        "actor_id": actor_id,
        "client_id": item.client_id,
        "citizen": pseudonym_of(item.citizen_id) if item.citizen_id else None,
        "details": item.details,
    }


def _forget_pending(session: Session, transaction: SessionTransaction) -> None:
    """after_transaction_end: a rollback (or close) drops what was queued with it."""
    if transaction.parent is None:
        session.info.pop(PENDING, None)


def init_audit_log() -> None:
    """Hook the writer into every database session's commit (once per process)."""
    if not event.contains(Session, "before_commit", write_pending):
        event.listen(Session, "before_commit", write_pending)
        event.listen(Session, "after_transaction_end", _forget_pending)
