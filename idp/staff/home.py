"""The staff home page (who is signed in, in which role) and sign-out."""

from flask import current_app, g, redirect, render_template, url_for

from idp.staff import bp
from idp.staff.access import staff_required
from idp.staff.staff_sessions import end, session_named_by_cookie


@bp.route("/")
@staff_required()
def home():
    idle_minutes = current_app.config["STAFF_SESSION_IDLE_TIMEOUT_SECONDS"] // 60
    return render_template("staff/home.html", staff=g.staff_member, idle_minutes=idle_minutes)


@bp.route("/signout", methods=["POST"])
def signout():
    # Also ends a session still waiting for its code.
    end(session_named_by_cookie())
    return redirect(url_for("staff.signin"), code=303)
