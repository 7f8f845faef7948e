"""Citizens' sign-in sessions: a row per browser, behind a cookie (idp/services/session_cookies.py).

The session row records when and how the citizen signed in (auth_time, amr)
and when they last proved a second factor, from which the level (acr) follows.
Codes and tokens carry its `sid`, so they end with it; ID tokens do not (one `sid`
seen by every service would link a citizen across sectors; back-channel logout
clients get a per-sector one). Ending a session queues the services' logout tokens.
"""

from datetime import timedelta

from flask import g, request, session
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from idp.clock import now, timestamp
from idp.extensions import HoldWhileUnset, db, table
from idp.models import BrowserSession
from idp.operations import metrics
from idp.security import random_token
from idp.services import logout_deliveries, tokens
from idp.services.session_cookies import SessionCookie, by_cookie

LAST_SEEN_RESOLUTION = timedelta(minutes=1)


def browser_id() -> str:
    """A random id for this browser, kept in the signed Flask session cookie."""
    if "browser_id" not in session:
        session["browser_id"] = random_token()
    return session["browser_id"]


# Lax: a citizen arriving from a service's link is signed in (top-level GET only).
COOKIE = SessionCookie(
    "BROWSER_SESSION_COOKIE",
    samesite="Lax",
    max_age_setting="SESSION_ABSOLUTE_TTL_SECONDS",
    idle_setting="SESSION_IDLE_TIMEOUT_SECONDS",
    absolute_setting="SESSION_ABSOLUTE_TTL_SECONDS",
)
write_session_cookie = COOKIE.write
_BY_COOKIE = by_cookie(BrowserSession)
# With its citizen: every page and authorization that has a session asks who it is.
_BY_COOKIE_WITH_CITIZEN = _BY_COOKIE.options(joinedload(BrowserSession.citizen))


def _is_alive(row: BrowserSession) -> bool:
    return row.ended_at is None and COOKIE.alive(row.last_seen_at, row.created_at)


def current_session() -> BrowserSession | None:
    if "browser_session" in g:
        return g.browser_session
    g.browser_session = None
    row = COOKIE.find(_BY_COOKIE_WITH_CITIZEN)
    if row is not None:
        if _is_alive(row):
            moment = now()
            # One write a minute is enough for an idle timeout counted in days,
            # and spares the database a commit on every authorize and page view.
            if moment - row.last_seen_at >= LAST_SEEN_RESOLUTION:
                row.last_seen_at = moment
                db.session.commit()
            g.browser_session = row
    return g.browser_session


def start_session(citizen, amr: list[str]) -> BrowserSession:
    """Sign the citizen in on this browser, replacing any earlier session.

    The earlier one (this citizen's or another's, alive or timed out) is signed out
    like any sign-out, and the tokens services got through it are revoked.
    """
    previous = COOKIE.find(_BY_COOKIE)
    # The same citizen signing in again (prompt=login, max_age, a step-up) is still signed
    # in here: the services are told only when the new session ends, which continues it.
    same_citizen = previous is not None and previous.citizen_id == citizen.id
    if previous is not None and previous.ended_at is None:
        _end([previous], tell_services=not same_citizen)
    row = BrowserSession(
        # The cookie value is new at every sign-in, so a planted cookie never gets signed in.
        cookie_digest=COOKIE.issue(),
        sid=random_token(),
        citizen_id=citizen.id,
        auth_time=timestamp(),
        amr=amr,
        user_agent=(request.user_agent.string or "")[:500],
        ip_address=request.remote_addr,
        continues_sid=previous.sid if same_citizen and previous is not None else None,
    )
    db.session.add(row)
    db.session.commit()
    metrics.SIGN_INS.labels("+".join(amr)).inc()
    g.browser_session = row
    return row


def record_second_factor(row: BrowserSession):
    """The citizen just proved their authenticator: loa:2 for a while."""
    row.second_factor_at = timestamp()
    db.session.commit()


def live_sessions(citizen_id: str) -> list[BrowserSession]:
    """The citizen's sessions not signed out yet, most recently seen first."""
    return list(
        db.session.scalars(
            select(BrowserSession)
            .where(BrowserSession.citizen_id == citizen_id, BrowserSession.ended_at.is_(None))
            .order_by(BrowserSession.last_seen_at.desc())
        )
    )


def of_citizen(citizen_id: str, session_id: int) -> BrowserSession | None:
    """One of the citizen's sessions by its row id; None for anyone else's."""
    row = db.session.get(BrowserSession, session_id)
    return row if row is not None and row.citizen_id == citizen_id else None


def signed_in() -> BrowserSession:
    """The current session, on a page whose guard already made sure there is one."""
    row = current_session()
    if row is None:
        raise RuntimeError("no signed-in session: the page needs a guard")
    return row


def all_of(citizen_id: str) -> list[BrowserSession]:
    """Every sign-in of the citizen still on record, ended ones too (the data export)."""
    return list(db.session.scalars(select(BrowserSession).where(BrowserSession.citizen_id == citizen_id)))


_SESSIONS = table(BrowserSession)
_HOLD_LIVE = HoldWhileUnset(_SESSIONS.c.ended_at, key=_SESSIONS.c.sid)


def hold_live(sid: str) -> bool:
    """In the transaction that saves tokens bound to session `sid`: True if it has not ended,
    its row locked meanwhile, so a sign-out either came first or waits and then revokes the
    tokens we saved: a code redeemed, or a refresh racing, never outlives a sign-out."""
    return _HOLD_LIVE(sid)


def _end(rows: list[BrowserSession], tell_services: bool = True) -> None:
    """End these sessions and revoke their tokens (the caller commits); the services
    with a session in them get a logout token (Back-Channel Logout 1.0)."""
    if tell_services:
        logout_deliveries.queue_for_sessions(rows)
    db.session.execute(
        update(BrowserSession).where(BrowserSession.id.in_([row.id for row in rows])).values(ended_at=now())
    )
    tokens.revoke_for_sessions([row.sid for row in rows])


def end_sessions(rows: list[BrowserSession]):
    """Sign these browsers out, and revoke the tokens services got through them.

    Tokens are bound to the sign-in session (`sid`), like an SSO session's
    tokens elsewhere: signing out must not leave a service a refresh token
    that lives on for weeks.
    """
    if not rows:
        return
    _end(rows)
    db.session.commit()


def end_all_sessions(citizen_id: str, keep: BrowserSession | None = None) -> None:
    """Sign the citizen out of every browser but `keep`, and revoke every token of theirs
    not issued through `keep`.

    By citizen, not by the sessions still on record: a token outlives the session it
    came from (superseded, timed out, purged), and "everywhere" means all of them.
    """
    conditions = [BrowserSession.citizen_id == citizen_id, BrowserSession.ended_at.is_(None)]
    if keep is not None:
        conditions.append(BrowserSession.id != keep.id)
    logout_deliveries.queue_for_sessions(list(db.session.scalars(select(BrowserSession).where(*conditions))))
    db.session.execute(update(BrowserSession).where(*conditions).values(ended_at=now()))
    tokens.revoke_for_citizen(citizen_id, except_sid=keep.sid if keep is not None else None)
    db.session.commit()


def end_session(row: BrowserSession | None):
    """Sign this browser out (and clear its cookie)."""
    if row is not None:
        end_sessions([row])
    g.browser_session = None
    COOKIE.clear()
