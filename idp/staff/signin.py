"""Staff sign-in: username and password, then the code from an authenticator app.

Unknown usernames, wrong passwords and disabled accounts get the same
message after the same Argon2 work, so the page does not reveal who is
staff. Attempts are limited per username and per IP address (an IPv6
client's /64: idp/web/ratelimit.py).
"""

from flask import redirect, render_template, request, url_for

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.extensions import db
from idp.staff import bp
from idp.staff.accounts import find, normalize_username, record_failure
from idp.staff.passwords import check_password
from idp.staff.staff_sessions import complete, current_staff, pending_session, start_pending
from idp.staff.totp import accept_code
from idp.web import after_post
from idp.web.i18n import gettext as _
from idp.web.ratelimit import Verdict, client_address_key, hit

ATTEMPTS_PER_USERNAME = "5 per 15 minutes"
# Higher: several staff may share an office's public address.
ATTEMPTS_PER_IP = "20 per 15 minutes"


def throttle(step: str, username: str) -> Verdict:
    """Count one attempt at `step` ("password" or "totp") for this username and this IP."""
    verdicts = [
        hit(ATTEMPTS_PER_USERNAME, f"staff-{step}", "username", username),
        hit(ATTEMPTS_PER_IP, f"staff-{step}", "ip", client_address_key()),
    ]
    refused = [verdict for verdict in verdicts if not verdict.allowed]
    if not refused:
        return Verdict(True)
    audit_log.append(audit.LIMIT_HIT, actor=audit_log.ANONYMOUS, details={"limit": f"staff_{step}"})
    db.session.commit()
    return Verdict(False, max(verdict.retry_after_seconds for verdict in refused))


def too_many(verdict: Verdict, **context):
    minutes = max(1, round(verdict.retry_after_seconds / 60))
    error = _("Too many attempts. Try again in {minutes} minutes.", minutes=minutes)
    return after_post.show_again(429, {"Retry-After": str(verdict.retry_after_seconds)}, error=error, **context)


def _page(template: str, **defaults):
    """The page by GET, with what a refused post kept for it (idp/web/after_post.py)."""
    kept, status, headers = after_post.shown()
    return render_template(template, **(defaults | kept)), status, headers


def _carry_locale(endpoint: str) -> str:
    """URL of another staff page, keeping an explicit ui_locales choice."""
    ui_locales = request.args.get("ui_locales")
    return url_for(endpoint, ui_locales=ui_locales) if ui_locales else url_for(endpoint)


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    if current_staff() is not None:
        return redirect(_carry_locale("staff.home"))
    if request.method == "GET":
        return _page("staff/signin.html", username="")
    # Bounded: the username also names a rate-limit counter.
    username = normalize_username(request.form.get("username", ""))[:64]
    password = request.form.get("password", "")
    if not username or not password:
        error = _("Enter your username and password.")
        return after_post.show_again(username=username, error=error)
    verdict = throttle("password", username)
    if not verdict.allowed:
        return too_many(verdict, username=username)
    staff = find(username)
    if not check_password(staff, password) or staff.disabled:
        if staff is not None:
            record_failure(staff)
        error = _("The username or password is not correct.")
        return after_post.show_again(username=username, error=error)
    db.session.commit()  # keeps a hash upgraded by check_password
    start_pending(staff)
    return redirect(_carry_locale("staff.totp"), code=303)


@bp.route("/signin/totp", methods=["GET", "POST"])
def totp():
    row = pending_session()
    if row is None:
        return redirect(_carry_locale("staff.signin"))
    if request.method == "GET":
        return _page("staff/totp.html")
    staff = row.staff_member
    verdict = throttle("totp", staff.username)
    if not verdict.allowed:
        return too_many(verdict)
    if not accept_code(staff, request.form.get("code", "")):
        record_failure(staff)
        error = _("That code is not correct or was already used. Enter the newest code from your app.")
        return after_post.show_again(error=error)
    complete(row)
    return redirect(_carry_locale("staff.home"), code=303)
