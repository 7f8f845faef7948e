"""Where the citizen is signed in; sign out one browser or all of them."""

from flask import abort, g, redirect, render_template, url_for

from idp.account import bp, citizen_required
from idp.extensions import db
from idp.models import BrowserSession
from idp.services.browser_sessions import current_session, end_session, end_sessions, live_sessions


@bp.route("/sessions")
@citizen_required
def sessions():
    return render_template(
        "account/sessions.html", sessions=live_sessions(g.citizen.id), current=current_session()
    )


@bp.route("/sessions/<int(max=2147483647):session_id>/end", methods=["POST"])
@citizen_required
def end_one(session_id):
    row = db.session.get(BrowserSession, session_id)
    if row is None or row.citizen_id != g.citizen.id:
        abort(404)
    if row.id == current_session().id:
        end_session(row)
        return redirect(url_for("home.index"), code=303)
    end_sessions([row])
    return redirect(url_for("account.sessions"), code=303)


@bp.route("/sessions/end-all", methods=["POST"])
@citizen_required
def end_all():
    end_sessions(live_sessions(g.citizen.id))
    end_session(current_session())
    return redirect(url_for("home.index"), code=303)
