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


def too_many(template: str, verdict: Verdict, **context):
    minutes = max(1, round(verdict.retry_after_seconds / 60))
    error = _("Too many attempts. Try again in {minutes} minutes.", minutes=minutes)
    body = render_template(template, error=error, **context)
    return body, 429, {"Retry-After": str(verdict.retry_after_seconds)}


def _carry_locale(endpoint: str) -> str:
    """URL of another staff page, keeping an explicit ui_locales choice."""
    ui_locales = request.args.get("ui_locales")
    return url_for(endpoint, ui_locales=ui_locales) if ui_locales else url_for(endpoint)


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    if current_staff() is not None:
        return redirect(_carry_locale("staff.home"))
    if request.method == "GET":
        return render_template("staff/signin.html", username="")
    # Bounded: the username also names a rate-limit counter.
    username = normalize_username(request.form.get("username", ""))[:64]
    password = request.form.get("password", "")
    if not username or not password:
        error = _("Enter your username and password.")
        return render_template("staff/signin.html", username=username, error=error), 400
    verdict = throttle("password", username)
    if not verdict.allowed:
        return too_many("staff/signin.html", verdict, username=username)
    staff = find(username)
    if not check_password(staff, password) or staff.disabled:
        if staff is not None:
            record_failure(staff)
        error = _("The username or password is not correct.")
        return render_template("staff/signin.html", username=username, error=error), 400
    db.session.commit()  # keeps a hash upgraded by check_password
    start_pending(staff)
    return redirect(_carry_locale("staff.totp"), code=303)


@bp.route("/signin/totp", methods=["GET", "POST"])
def totp():
    row = pending_session()
    if row is None:
        return redirect(_carry_locale("staff.signin"))
    if request.method == "GET":
        return render_template("staff/totp.html")
    staff = row.staff_member
    verdict = throttle("totp", staff.username)
    if not verdict.allowed:
        return too_many("staff/totp.html", verdict)
    if not accept_code(staff, request.form.get("code", "")):
        record_failure(staff)
        error = _("That code is not correct or was already used. Enter the newest code from your app.")
        return render_template("staff/totp.html", error=error), 400
    complete(row)
    return redirect(_carry_locale("staff.home"), code=303)
