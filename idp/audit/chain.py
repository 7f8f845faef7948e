"""The chain rule: hash = SHA-256(prev_hash || canonical JSON of the row).

Canonical JSON (in the spirit of RFC 8785): keys sorted, no whitespace, UTF-8,
times as UTC ISO 8601 with microseconds; details hold no floats, so every
backend gives back the same text. The previous hash is inside what is hashed,
so changing, removing or reordering any event breaks every link after it.
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from idp.clock import aware

ROW_FIELDS = ("seq", "time", "type", "actor_kind", "actor_id", "client_id", "citizen", "details")


def canonical_time(value: datetime) -> str:
    moment = aware(value)
    assert moment is not None
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def row_document(row: dict[str, Any]) -> dict[str, Any]:
    """The fields that are hashed, as JSON values."""
    document = {field: row[field] for field in ROW_FIELDS}
    document["time"] = canonical_time(row["time"])
    return document


def link_hash(prev_hash: str, row: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode() + canonical_json(row_document(row))).hexdigest()
