"""Staff sessions: their own cookie and their own rows, apart from citizens'.

A citizen's session cookie is looked up only among citizen sessions and a
staff cookie only among staff sessions, so neither grants anything on the
other side. The cookie value changes when the authentication code is
accepted, so a value planted before sign-in never becomes a signed-in one.
"""

from datetime import timedelta

from flask import current_app, g, request
from sqlalchemy import select, update

from idp.clock import now
from idp.extensions import db
from idp.models import StaffMember, StaffSession
from idp.security import digest, random_token


def _seconds(name: str) -> timedelta:
    return timedelta(seconds=current_app.config[name])


def session_named_by_cookie() -> StaffSession | None:
    """The open session row this browser's staff cookie names, signed in or not yet."""
    cookie = request.cookies.get(current_app.config["STAFF_SESSION_COOKIE"])
    if not cookie:
        return None
    row = db.session.scalar(select(StaffSession).where(StaffSession.cookie_digest == digest(cookie)))
    if row is None or row.ended_at is not None or row.staff_member.disabled:
        return None
    return row


def _is_alive(row: StaffSession) -> bool:
    moment = now()
    return (
        row.authenticated_at is not None
        and moment - row.last_seen_at < _seconds("STAFF_SESSION_IDLE_TIMEOUT_SECONDS")
        and moment - row.authenticated_at < _seconds("STAFF_SESSION_ABSOLUTE_TTL_SECONDS")
    )


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
    cookie = random_token()
    row = StaffSession(
        cookie_digest=digest(cookie),
        staff_member_id=staff.id,
        user_agent=(request.user_agent.string or "")[:500],
        ip_address=request.remote_addr,
    )
    db.session.add(row)
    db.session.commit()
    g.staff_cookie = cookie
    return row


def complete(row: StaffSession) -> StaffSession:
    """After the correct code: signed in, under a new cookie value."""
    cookie = random_token()
    moment = now()
    row.cookie_digest = digest(cookie)
    row.authenticated_at = moment
    row.last_seen_at = moment
    row.staff_member.last_signed_in_at = moment
    row.staff_member.failed_attempts = 0
    db.session.commit()
    g.staff_session = row
    g.staff_cookie = cookie
    return row


def end(row: StaffSession | None):
    if row is not None:
        db.session.execute(update(StaffSession).where(StaffSession.id == row.id).values(ended_at=now()))
        db.session.commit()
    g.staff_session = None
    g.clear_staff_cookie = True


def write_staff_cookie(response):
    """after_request: set or clear the staff cookie decided during the request."""
    config = current_app.config
    # Strict: a link from elsewhere never arrives signed in on a staff page.
    options = {"path": "/", "secure": config["SESSION_COOKIE_SECURE"], "httponly": True, "samesite": "Strict"}
    if g.get("staff_cookie"):
        # No max_age: the browser forgets it when closed; the server enforces the timeouts.
        response.set_cookie(config["STAFF_SESSION_COOKIE"], g.staff_cookie, **options)
    elif g.get("clear_staff_cookie"):
        response.delete_cookie(config["STAFF_SESSION_COOKIE"], **options)
    return response
