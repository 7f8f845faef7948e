"""Export (JSON lines or CSV) and retention: archive, sign a checkpoint, then prune.

An archive holds the events with their hashes, so it can be verified on its
own; the prune checkpoint (signed, kept in the database) holds the hash of the
last archived event, and `verify` continues from it.
"""

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select

from idp.audit import checkpoints, log
from idp.audit import types as audit
from idp.audit.chain import canonical_time
from idp.extensions import db
from idp.models import AuditEvent

FORMATS = ("jsonl", "csv")
COLUMNS = ("seq", "time", "type", "actor_kind", "actor_id", "client_id", "citizen", "details", "prev_hash", "hash")


class NothingToPrune(ValueError):
    """No event is older than the date given."""


def events(since: datetime | None = None, until: datetime | None = None, through_seq: int | None = None):
    """Events in chain order; `since` inclusive, `until` exclusive."""
    query = select(AuditEvent).order_by(AuditEvent.seq)
    if since is not None:
        query = query.where(AuditEvent.time >= since)
    if until is not None:
        query = query.where(AuditEvent.time < until)
    if through_seq is not None:
        query = query.where(AuditEvent.seq <= through_seq)
    return db.session.scalars(query.execution_options(yield_per=1000))


def as_record(event: AuditEvent) -> dict[str, Any]:
    record = {name: getattr(event, name) for name in COLUMNS}
    record["time"] = canonical_time(event.time)
    return record


def export_lines(rows, fmt: str) -> Iterator[str]:
    """Each event as one line of JSON, or CSV with a header (details as JSON)."""
    if fmt == "jsonl":
        for event in rows:
            yield json.dumps(as_record(event), ensure_ascii=False, sort_keys=True) + "\n"
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for event in rows:
        record = as_record(event)
        record["details"] = json.dumps(record["details"], ensure_ascii=False, sort_keys=True)
        writer.writerow([record[name] for name in COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def prune(before: datetime, archive) -> tuple[int, checkpoints.AuditCheckpoint]:
    """Archive every event older than `before` to the open text file `archive`, then in one
    transaction sign a prune checkpoint at the newest of them and delete them.
    Returns the number pruned and the checkpoint."""
    through = db.session.scalar(select(func.max(AuditEvent.seq)).where(AuditEvent.time < before))
    if through is None:
        raise NothingToPrune(f"no event before {before.isoformat()}")
    last = db.session.get(AuditEvent, through)
    assert last is not None
    count = 0
    for line in export_lines(events(through_seq=through), "jsonl"):
        archive.write(line)
        count += 1
    archive.flush()
    checkpoint = checkpoints.write("prune", through, last.hash)
    db.session.execute(delete(AuditEvent).where(AuditEvent.seq <= through))
    log.append(audit.AUDIT_PRUNED, details={"through_event": through, "events": count, "checkpoint": checkpoint.id})
    db.session.commit()
    return count, checkpoint
