"""Back-channel logout deliveries given up on (Back-Channel Logout 1.0 §2.8), in the
operator console: which service, when, how often tried, the last error. Never the
citizen's subject or session id the token named."""

from flask import render_template

from idp.services import clients, logout_deliveries
from idp.staff import bp
from idp.staff.access import staff_required


@bp.route("/console/logout-failures")
@staff_required("operator")
def console_logout_failures():
    return render_template(
        "staff/console/logout_failures.html", rows=logout_deliveries.failures(), names=clients.names()
    )
