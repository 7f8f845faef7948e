"""Where the citizen is signed in; sign out one browser or all of them."""

from flask import abort, g, redirect, render_template, url_for

from idp.account import bp, citizen_required
from idp.account.device_names import device_name
from idp.services import browser_sessions
from idp.services.browser_sessions import end_all_sessions, end_session, end_sessions, live_sessions, signed_in


@bp.route("/sessions")
@citizen_required
def sessions():
    return render_template(
        "account/sessions.html", sessions=live_sessions(g.citizen.id), current=signed_in(), device_name=device_name
    )


@bp.route("/sessions/<int(max=2147483647):session_id>/end", methods=["POST"])
@citizen_required
def end_one(session_id):
    row = browser_sessions.of_citizen(g.citizen.id, session_id)
    if row is None:
        abort(404)
    if row.id == signed_in().id:
        end_session(row)
        return redirect(url_for("home.index"), code=303)
    end_sessions([row])
    return redirect(url_for("account.sessions"), code=303)


@bp.route("/sessions/end-all", methods=["POST"])
@citizen_required
def end_all():
    # Every token of the citizen goes too, not only those of the sessions listed here.
    end_all_sessions(g.citizen.id)
    end_session(None)  # and this browser forgets its cookie
    return redirect(url_for("home.index"), code=303)
