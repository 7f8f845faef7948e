"""Disclosure records sealed into the audit log in batches.

Each release of claims is one `disclosure` row, written in the request that releases
them (idp/services/disclosures.py): that row is the record, committed with the release,
so none is lost. An audit event for each would take the chain's lock (idp/audit/log.py)
on every token and UserInfo request: one lock for the whole city, held through each
commit. Instead `seal` takes the rows not sealed yet, marks them with a batch id and
appends one event, `disclosure.sealed`, with their count and a digest of their contents.
`verify` recomputes every batch: a row altered, deleted or moved to another batch after
it was sealed no longer matches its event.

`flask purge` seals first (it runs every few minutes, docs/operations.md); `flask audit
seal` seals at once; `flask audit verify` checks the batches after the chain.
"""

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC

from sqlalchemy import func, select, update

from idp.audit import log as audit_log
from idp.audit.types import DISCLOSED, DISCLOSURES_SEALED
from idp.extensions import db
from idp.models import AuditEvent
from idp.models.disclosure import Disclosure

BATCH_SIZE = 5000
_COLUMNS = (
    Disclosure.id,
    Disclosure.citizen_id,
    Disclosure.citizen_pseudonym,
    Disclosure.client_id,
    Disclosure.endpoint,
    Disclosure.claims,
    Disclosure.disclosed_at,
)


def digest_of(rows) -> str:
    """SHA-256 over the rows' contents, in id order, as canonical JSON (base64url)."""
    canonical = [
        [row.id, row.citizen_id, row.citizen_pseudonym, row.client_id, row.endpoint, row.claims, _utc(row.disclosed_at)]
        for row in sorted(rows, key=lambda row: row.id)
    ]
    data = json.dumps(canonical, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _utc(moment) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def seal(batch_size: int = BATCH_SIZE) -> int:
    """Seal every disclosure not sealed yet, `batch_size` rows an event; how many were sealed."""
    sealed = 0
    while True:
        # SKIP LOCKED: two sealers at once (two operators, a cron overlap) seal different rows.
        query = select(*_COLUMNS).where(Disclosure.sealed_in.is_(None)).order_by(Disclosure.id).limit(batch_size)
        rows = db.session.execute(query.with_for_update(skip_locked=True)).all()
        if rows:
            batch = secrets.token_hex(16)
            db.session.execute(
                update(Disclosure).where(Disclosure.id.in_([row.id for row in rows])).values(sealed_in=batch)
            )
            details = {"batch": batch, "count": len(rows), "first_id": rows[0].id, "last_id": rows[-1].id}
            audit_log.append(DISCLOSURES_SEALED, actor=audit_log.SYSTEM, details=details | {"digest": digest_of(rows)})
        db.session.commit()
        sealed += len(rows)
        if len(rows) < batch_size:
            return sealed


@dataclass
class SealStatus:
    batches_checked: int
    unsealed: int  # rows recorded since the last seal (sealed by the next one)
    problem: str | None = None


def verify() -> SealStatus:
    """Recompute each sealed batch still in the log (a pruned event's batch is not checked)."""
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.type == DISCLOSURES_SEALED).order_by(AuditEvent.seq)
    )
    unsealed = db.session.scalar(select(func.count()).select_from(Disclosure).where(Disclosure.sealed_in.is_(None)))
    status = SealStatus(batches_checked=0, unsealed=unsealed or 0)
    for event in events:
        rows = db.session.execute(select(*_COLUMNS).where(Disclosure.sealed_in == event.details["batch"])).all()
        if len(rows) != event.details["count"] or digest_of(rows) != event.details["digest"]:
            status.problem = (
                f"the disclosures sealed by event {event.seq} were altered "
                f"({event.details['count']} sealed, {len(rows)} found, digest {'differs' if rows else 'of nothing'})"
            )
            return status
        status.batches_checked += 1
    return status


def as_events(rows: list[Disclosure]) -> list[AuditEvent]:
    """Disclosure rows as the events people read (unsaved): what the citizen's activity
    page and the auditor's per-citizen history list beside the audit log's events."""
    return [
        AuditEvent(
            seq=0,
            time=row.disclosed_at,
            type=DISCLOSED,
            actor_kind="client",
            actor_id=row.client_id,
            client_id=row.client_id,
            citizen=row.citizen_pseudonym,
            details={"endpoint": row.endpoint, "claims": row.claim_names},
        )
        for row in rows
    ]


def newest_first(events: list[AuditEvent], disclosures: list[Disclosure], limit: int) -> list[AuditEvent]:
    """The audit log's events and the disclosures, together, newest first."""
    merged = events + as_events(disclosures)
    return sorted(merged, key=lambda event: event.time, reverse=True)[:limit]
