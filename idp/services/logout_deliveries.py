"""Back-channel logout deliveries (Back-Channel Logout 1.0 §2.5-2.7): who is owed
a logout token when sessions end, and each delivery's progress.

Queued in the transaction that ends the session (so a session never ends without
its logout tokens on record), delivered after it commits by idp/backchannel/.
An attempt claims its row by moving `next_attempt_at` past the attempt's end;
a worker that dies mid-attempt leaves the row due again once that passes.
"""

from datetime import timedelta

from flask import current_app, g
from sqlalchemy import select, update

from idp.clock import now
from idp.extensions import db, rows_changed
from idp.models import BrowserSession, LogoutDelivery
from idp.protocol.pairwise import session_id_for, subject_for
from idp.services import clients, tokens

QUEUED = "logout_deliveries_queued"  # flag on `g`: deliver after this request


def queue_for_sessions(rows: list[BrowserSession], only_client_id: str | None = None) -> None:
    """A delivery for each client with a session in one of these sign-in sessions:
    the clients that received tokens through it and registered a backchannel_logout_uri."""
    by_sid = {sid: row for row in rows for sid in _continued(row)}
    for sid, client_id in tokens.clients_of_sessions(list(by_sid)):
        if only_client_id is not None and client_id != only_client_id:
            continue
        client = clients.find(client_id)
        if client is None or not client.backchannel_logout_uri:
            continue
        citizen = by_sid[sid].citizen
        db.session.add(
            LogoutDelivery(
                client_id=client_id,
                subject=subject_for(citizen, client),
                session_id=session_id_for(sid, client),
            )
        )
        g.setdefault(QUEUED, True)


def _continued(row: BrowserSession, limit: int = 50) -> list[str]:
    """The session's `sid` and those of the earlier sessions it continues (see
    BrowserSession.continues_sid): a service signed in through any of them is signed in
    through this one. Bounded: a browser that signed in again fifty times in one chain
    has long outlived its earliest services' sessions."""
    sids = [row.sid]
    earlier = row.continues_sid
    while earlier and earlier not in sids and len(sids) < limit:
        sids.append(earlier)
        earlier = db.session.scalar(select(BrowserSession.continues_sid).where(BrowserSession.sid == earlier))
    return sids


def due(limit: int = 20) -> list[LogoutDelivery]:
    return list(
        db.session.scalars(
            select(LogoutDelivery)
            .where(
                LogoutDelivery.delivered_at.is_(None),
                LogoutDelivery.failed_at.is_(None),
                LogoutDelivery.next_attempt_at <= now(),
            )
            .order_by(LogoutDelivery.next_attempt_at)
            .limit(limit)
        )
    )


def claim(row: LogoutDelivery) -> bool:
    """Take this delivery for one attempt; False if another worker took it first."""
    lease = timedelta(seconds=2 * current_app.config["BACKCHANNEL_LOGOUT_TIMEOUT_SECONDS"] + 30)
    won = rows_changed(
        update(LogoutDelivery)
        .where(LogoutDelivery.id == row.id, LogoutDelivery.next_attempt_at == row.next_attempt_at)
        .values(next_attempt_at=now() + lease, attempts=LogoutDelivery.attempts + 1)
    )
    db.session.commit()
    if won:
        db.session.refresh(row)
    return bool(won)


def delivered(row: LogoutDelivery) -> None:
    row.delivered_at = now()
    row.last_error = None
    db.session.commit()


def attempt_failed(row: LogoutDelivery, error: str, retry: bool) -> None:
    """Retry later with a growing wait, or give up: then it is on the operator's list."""
    config = current_app.config
    row.last_error = error[:500]
    if retry and row.attempts < config["BACKCHANNEL_LOGOUT_MAX_ATTEMPTS"]:
        wait = config["BACKCHANNEL_LOGOUT_RETRY_SECONDS"] * 4 ** (row.attempts - 1)
        row.next_attempt_at = now() + timedelta(seconds=wait)
    else:
        row.failed_at = now()
    db.session.commit()


def failures(limit: int = 100) -> list[LogoutDelivery]:
    """Deliveries given up, newest first (what an operator looks at)."""
    return list(
        db.session.scalars(
            select(LogoutDelivery)
            .where(LogoutDelivery.failed_at.is_not(None))
            .order_by(LogoutDelivery.failed_at.desc())
            .limit(limit)
        )
    )
