"""The citizen's own activity: sign-ins, failed sign-ins, phone changes, the authenticator,
downloads, and tokens refused after a reuse, from the audit log (issue 10)."""

from flask import g, render_template

from idp.account import bp, citizen_required
from idp.audit import presentation, queries


@bp.route("/activity")
@citizen_required
def activity():
    events = presentation.shown(queries.about_citizen(g.citizen.id))
    return render_template("account/activity.html", events=events)
