"""The services a citizen allowed, and withdrawing that consent.

Withdrawing revokes the service's tokens at once (UU PDP 27/2022 art. 9:
consent can be withdrawn), so it can no longer read the citizen's data.
"""

from flask import abort, g, redirect, render_template, url_for
from sqlalchemy import select

from idp.account import bp, citizen_required
from idp.clock import now
from idp.extensions import db
from idp.grants import revoke_tokens
from idp.models import Client, Consent, Token
from idp.signin.consent import SCOPE_DESCRIPTIONS


def granted_services(citizen_id):
    rows = db.session.execute(
        select(Consent, Client)
        .join(Client, Client.client_id == Consent.client_id)
        .where(Consent.citizen_id == citizen_id, Consent.revoked_at.is_(None))
        .order_by(Consent.granted_at.desc())
    ).all()
    return [
        {
            "consent": consent,
            "client": client,
            "descriptions": [SCOPE_DESCRIPTIONS[s] for s in consent.scope.split() if s in SCOPE_DESCRIPTIONS],
        }
        for consent, client in rows
    ]


@bp.route("/services")
@citizen_required
def services():
    return render_template("account/services.html", services=granted_services(g.citizen.id))


@bp.route("/services/<int(max=2147483647):consent_id>/revoke", methods=["POST"])
@citizen_required
def revoke(consent_id):
    consent = db.session.get(Consent, consent_id)
    if consent is None or consent.citizen_id != g.citizen.id:
        abort(404)
    consent.revoked_at = now()
    revoke_tokens(Token.citizen_id == g.citizen.id, Token.client_id == consent.client_id)
    db.session.commit()
    return redirect(url_for("account.services"), code=303)
