"""The services a citizen allowed, and withdrawing that consent.

Withdrawing revokes the service's tokens at once (UU PDP 27/2022 art. 9:
consent can be withdrawn), so it can no longer read the citizen's data.
"""

from flask import abort, g, redirect, render_template, url_for

from idp.account import bp, citizen_required
from idp.protocol.claims import SCOPE_DESCRIPTIONS
from idp.services import consents


def granted_services(citizen_id):
    return [
        {
            "consent": consent,
            "client": client,
            "descriptions": [SCOPE_DESCRIPTIONS[s] for s in consent.scope.split() if s in SCOPE_DESCRIPTIONS],
        }
        for consent, client in consents.granted(citizen_id)
    ]


@bp.route("/services")
@citizen_required
def services():
    return render_template("account/services.html", services=granted_services(g.citizen.id))


@bp.route("/services/<int(max=2147483647):consent_id>/revoke", methods=["POST"])
@citizen_required
def revoke(consent_id):
    if not consents.withdraw(g.citizen.id, consent_id):
        abort(404)
    return redirect(url_for("account.services"), code=303)
