"""Staff sessions: their own cookie and their own rows, apart from citizens'.

A citizen's session cookie is looked up only among citizen sessions and a
staff cookie only among staff sessions, so neither grants anything on the
other side. The cookie value changes when the authentication code is
accepted, so a value planted before sign-in never becomes a signed-in one.
"""

from datetime import timedelta

from flask import current_app, g, request
from sqlalchemy import update

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.clock import now
from idp.extensions import db
from idp.models import StaffMember, StaffSession
from idp.services.session_cookies import SessionCookie, by_cookie

# Strict: a link from elsewhere never arrives signed in on a staff page. No lifetime:
# the browser forgets it when closed; the server enforces the timeouts.
COOKIE = SessionCookie(
    "STAFF_SESSION_COOKIE",
    samesite="Strict",
    max_age_setting=None,
    idle_setting="STAFF_SESSION_IDLE_TIMEOUT_SECONDS",
    absolute_setting="STAFF_SESSION_ABSOLUTE_TTL_SECONDS",
)
write_staff_cookie = COOKIE.write
_BY_COOKIE = by_cookie(StaffSession)


def _seconds(name: str) -> timedelta:
    return timedelta(seconds=current_app.config[name])


def session_named_by_cookie() -> StaffSession | None:
    """The open session row this browser's staff cookie names, signed in or not yet."""
    row = COOKIE.find(_BY_COOKIE)
    if row is None or row.ended_at is not None or row.staff_member.disabled:
        return None
    return row


def _is_alive(row: StaffSession) -> bool:
    return row.authenticated_at is not None and COOKIE.alive(row.last_seen_at, row.authenticated_at)


def current_staff_session() -> StaffSession | None:
    """The signed-in staff session of this browser; each request extends the idle timeout."""
    if "staff_session" in g:
        return g.staff_session
    row = session_named_by_cookie()
    if row is not None and not _is_alive(row):
        row = None
    if row is not None:
        row.last_seen_at = now()
        db.session.commit()
    g.staff_session = row
    return row


def current_staff() -> StaffMember | None:
    row = current_staff_session()
    return row.staff_member if row is not None else None


def pending_session() -> StaffSession | None:
    """The session waiting for its authentication code, if the password came recently."""
    row = session_named_by_cookie()
    if row is None or row.authenticated_at is not None:
        return None
    if now() - row.created_at >= _seconds("STAFF_SIGNIN_STEP_TTL_SECONDS"):
        return None
    return row


def start_pending(staff: StaffMember) -> StaffSession:
    """After the correct password: a row that signs nobody in until the code is accepted."""
    previous = session_named_by_cookie()
    if previous is not None:
        previous.ended_at = now()
    row = StaffSession(
        cookie_digest=COOKIE.issue(),
        staff_member_id=staff.id,
        user_agent=(request.user_agent.string or "")[:500],
        ip_address=request.remote_addr,
    )
    db.session.add(row)
    db.session.commit()
    return row


def complete(row: StaffSession) -> StaffSession:
    """After the correct code: signed in, under a new cookie value."""
    moment = now()
    row.cookie_digest = COOKIE.issue()
    row.authenticated_at = moment
    row.last_seen_at = moment
    row.staff_member.last_signed_in_at = moment
    row.staff_member.failed_attempts = 0
    audit_log.append(audit.STAFF_SIGNED_IN, actor=audit_log.staff(row.staff_member_id))
    db.session.commit()
    g.staff_session = row
    return row


def end(row: StaffSession | None):
    if row is not None:
        db.session.execute(update(StaffSession).where(StaffSession.id == row.id).values(ended_at=now()))
        db.session.commit()
    g.staff_session = None
    COOKIE.clear()
