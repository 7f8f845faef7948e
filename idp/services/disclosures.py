"""Disclosure records: every release of claims to a service, by name, never by value.

Recorded in the request that releases them and committed before the response
leaves, so no record can be lost: a failed write fails the release too. The ID
token's record is committed with the tokens (no write of its own); UserInfo and
introspection add one small INSERT (bench/code_flow.py measures the cost). The rows
reach the audit log in sealed batches (idp/audit/disclosure_seals.py), so releasing
claims never waits for the audit chain's lock.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from idp.audit.pseudonyms import pseudonym_of
from idp.clock import now
from idp.extensions import db, table
from idp.models.disclosure import ENDPOINTS, Disclosure

# Claims about the token, not the citizen: they say nothing about who signed in.
ENVELOPE = frozenset({"iss", "aud", "exp", "iat", "nbf", "nonce", "at_hash", "c_hash", "azp", "jti"})


# Built once, run with its values, on the table: on every token and UserInfo request.
_INSERT = insert(table(Disclosure))


def add(citizen_id: str, client_id: str, endpoint: str, claims: Iterable[str]) -> None:
    """Record that `claims` about the citizen go to the client, in the caller's transaction
    (the token endpoint's, which commits it with the tokens)."""
    assert endpoint in ENDPOINTS
    names = " ".join(sorted(set(claims) - ENVELOPE))
    db.session.execute(
        _INSERT,
        {
            "citizen_id": citizen_id,
            "citizen_pseudonym": pseudonym_of(citizen_id),
            "client_id": client_id,
            "endpoint": endpoint,
            "claims": names,
            "disclosed_at": now(),
        },
    )


def record(citizen_id: str, client_id: str, endpoint: str, claims: Iterable[str]) -> None:
    """Record (and commit) that `claims` about the citizen went to the client."""
    add(citizen_id, client_id, endpoint, claims)
    db.session.commit()


def of_citizen(citizen_id: str) -> list[Disclosure]:
    """Every disclosure about the citizen, newest first."""
    return list(
        db.session.scalars(
            select(Disclosure)
            .where(Disclosure.citizen_id == citizen_id)
            .order_by(Disclosure.disclosed_at.desc(), Disclosure.id.desc())
        )
    )


@dataclass
class Received:
    """What one service actually received about the citizen: each claim and when it last did."""

    last_at: datetime
    claims: dict[str, datetime]  # claim name → the newest time it was released


def received_by_service(citizen_id: str) -> dict[str, Received]:
    """client_id → what it received, from the disclosure records."""
    summary: dict[str, Received] = {}
    for row in reversed(of_citizen(citizen_id)):  # oldest first: newer times overwrite
        seen = summary.setdefault(row.client_id, Received(last_at=row.disclosed_at, claims={}))
        seen.last_at = row.disclosed_at
        for name in row.claim_names:
            seen.claims[name] = row.disclosed_at
    return summary
