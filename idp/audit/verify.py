"""Walking the chain (`flask audit verify`, the console's chain status).

From the newest prune checkpoint (or the start) each event must have the next
seq, name the previous event's hash, and hash to its own; the chain head row
and every checkpoint must agree with the events. The first disagreement is
named: a changed row, a missing one, rows out of order, a tail cut off.
"""

from dataclasses import dataclass

from sqlalchemy import select

from idp.audit import checkpoints
from idp.audit.chain import ROW_FIELDS, link_hash
from idp.extensions import db
from idp.models import AuditChainHead, AuditCheckpoint, AuditEvent
from idp.models.audit import GENESIS_HASH

BATCH = 1000


@dataclass
class ChainStatus:
    intact: bool
    verified_through: int  # seq of the newest event that verified (0: none)
    events_checked: int
    starts_after: int  # the prune checkpoint's count, 0 if nothing was pruned
    problem: str | None = None
    last_checkpoint: AuditCheckpoint | None = None


def verify() -> ChainStatus:
    status = ChainStatus(True, 0, 0, 0, last_checkpoint=checkpoints.latest())
    known = checkpoints.all_checkpoints()
    for row in known:
        try:
            checkpoints.check(row)
        except checkpoints.InvalidCheckpoint as error:
            return _broken(status, f"checkpoint {row.id} (at event {row.seq}): {error}")
    start = checkpoints.latest_prune()
    prev_hash = start.hash if start else GENESIS_HASH
    status.starts_after = status.verified_through = start.seq if start else 0
    by_seq = {row.seq: row for row in known}
    columns = [AuditEvent.__table__.c[name] for name in (*ROW_FIELDS, "prev_hash", "hash")]
    query = select(*columns).where(AuditEvent.seq > status.starts_after).order_by(AuditEvent.seq)
    for event in db.session.execute(query.execution_options(yield_per=BATCH)):
        problem = _link_problem(event._mapping, status.verified_through + 1, prev_hash)
        checkpoint = by_seq.get(event.seq)
        if problem is None and checkpoint is not None and checkpoint.hash != event.hash:
            problem = f"event {event.seq} differs from checkpoint {checkpoint.id} made at it"
        if problem:
            return _broken(status, problem)
        prev_hash, status.verified_through = event.hash, event.seq
        status.events_checked += 1
    return _check_tail(status, prev_hash, max(by_seq, default=0))


def _link_problem(event, expected_seq: int, prev_hash: str) -> str | None:
    if event["seq"] != expected_seq:
        missing = f"{expected_seq}" if event["seq"] == expected_seq + 1 else f"{expected_seq} to {event['seq'] - 1}"
        return f"event {missing} missing (the log goes from {expected_seq - 1} to {event['seq']})"
    if event["prev_hash"] != prev_hash:
        return (
            f"event {event['seq']} does not link to event {expected_seq - 1} (prev_hash differs: removed or reordered)"
        )
    if link_hash(prev_hash, dict(event)) != event["hash"]:
        return f"event {event['seq']} was altered (its contents no longer match its hash)"
    return None


def _check_tail(status: ChainStatus, last_hash: str, newest_checkpoint: int) -> ChainStatus:
    head = db.session.get(AuditChainHead, 1)
    last = status.verified_through
    if head is None:
        return _broken(status, "the chain head row is missing")
    if head.seq > last:
        return _broken(
            status, f"events {last + 1} to {head.seq} missing from the end (the chain head is at {head.seq})"
        )
    if head.seq < last or head.hash != last_hash:
        return _broken(status, f"the chain head (at {head.seq}) does not match event {last}")
    if newest_checkpoint > last:
        return _broken(status, f"events {last + 1} to {newest_checkpoint} missing: a checkpoint counted them")
    return status


def _broken(status: ChainStatus, problem: str) -> ChainStatus:
    status.intact, status.problem = False, problem
    return status
