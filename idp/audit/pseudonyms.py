"""Pseudonymous citizen ids for the audit log.

pseudonym = "w-" + b64url(HMAC-SHA256(PAIRWISE_SALT, 0x00 "audit" 0x00 citizen.id))[:22]:
stable, unlinkable to any service's pairwise `sub` (no sector begins with NUL),
and not the internal id. Which citizen a pseudonym names is kept in
`audit_pseudonym`, read only through an auditor's justified reveal.
"""

import base64
import hashlib
import hmac

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from idp.models import AuditPseudonym, Citizen

PREFIX = "w-"


def pseudonym_of(citizen_id: str) -> str:
    salt = current_app.config["PAIRWISE_SALT"].encode()
    mac = hmac.new(salt, f"\x00audit\x00{citizen_id}".encode(), hashlib.sha256).digest()
    return PREFIX + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()[:22]


def remember(session: Session, citizen_ids: set[str]) -> None:
    """Keep the pseudonym → citizen mapping for these citizens (still existing ones)."""
    if not citizen_ids:
        return
    known = set(session.scalars(select(AuditPseudonym.citizen_id).where(AuditPseudonym.citizen_id.in_(citizen_ids))))
    if known == citizen_ids:
        return  # the usual case: every one named before
    # A closed account is named by nobody any more (forget): its events keep only the pseudonym.
    open_accounts = Citizen.id.in_(citizen_ids - known), Citizen.closed_at.is_(None)
    existing = set(session.scalars(select(Citizen.id).where(*open_accounts)))
    if existing:
        rows = [{"pseudonym": pseudonym_of(citizen_id), "citizen_id": citizen_id} for citizen_id in sorted(existing)]
        # A concurrent first event for the same citizen adds the same row: that is no conflict.
        session.execute(_insert(session).values(rows).on_conflict_do_nothing())


def _insert(session: Session):
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(AuditPseudonym)
    return sqlite.insert(AuditPseudonym)


def citizen_named(session: Session, pseudonym: str) -> Citizen | None:
    """The citizen behind a pseudonym (only for idp/audit/reveal): None if unknown or closed."""
    row = session.get(AuditPseudonym, pseudonym)
    citizen = session.get(Citizen, row.citizen_id) if row is not None else None
    return citizen if citizen is not None and citizen.closed_at is None else None


def forget(session: Session, citizen_id: str) -> None:
    """An account closed: no reveal can name the citizen behind its pseudonym any more."""
    session.execute(delete(AuditPseudonym).where(AuditPseudonym.citizen_id == citizen_id))


def number_pseudonym(phone_number: str) -> str:
    """Stands for a phone number in the log: the same number always gives the same
    value, so codes and limits on one number can be followed, but nobody without
    PAIRWISE_SALT can tell which number (a digest of it alone could be brute-forced)."""
    salt = current_app.config["PAIRWISE_SALT"].encode()
    mac = hmac.new(salt, f"\x00phone\x00{phone_number}".encode(), hashlib.sha256).digest()
    return "n-" + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()[:16]
