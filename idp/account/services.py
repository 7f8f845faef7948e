"""The services a citizen allowed: what each may read, what it actually received and when,
its consent history with a signed receipt per event (idp/account/consent_history.py),
and withdrawing the consent (with a confirmation step, and a page saying what happened).

Withdrawing revokes the service's tokens at once (UU PDP 27/2022 art. 9: consent can be
withdrawn): introspection says inactive, UserInfo answers 401.
"""

from flask import abort, g, redirect, render_template, url_for

from idp.account import bp, citizen_required
from idp.account.consent_history import history_of
from idp.account.disclosure_words import claim_labels, claim_order
from idp.protocol.scopes import descriptions
from idp.services import clients, consents, disclosures
from idp.web.times import jakarta_time


def _may_read(scope: str) -> list[str]:
    return descriptions(scope)


def services_of(citizen_id: str) -> list[dict]:
    """Every service the citizen ever allowed (standing ones first) with what it received."""
    received = disclosures.received_by_service(citizen_id)
    found = {client.client_id: client for client in clients.all_clients()}
    rows = []
    for consent in consents.all_of(citizen_id):
        client = found.get(consent.client_id)
        if client is None:
            continue
        seen = received.get(consent.client_id)
        rows.append(
            {
                "consent": consent,
                "client": client,
                "standing": consent.revoked_at is None,
                "since": jakarta_time(consent.granted_at),
                "ended": jakarta_time(consent.revoked_at) if consent.revoked_at else None,
                "may_read": _may_read(consent.scope),
                "received": _received_by_time(seen.claims if seen else {}),
                "last_received": jakarta_time(seen.last_at) if seen else None,
                "history": history_of(consent.id),
            }
        )
    return sorted(rows, key=lambda row: not row["standing"])


def _received_by_time(claims: dict) -> list[tuple[str, list[str]]]:
    """When each claim was last released, grouped: [(time, [labels…])], newest first."""
    by_time: dict = {}
    for name in sorted(claims, key=claim_order):
        by_time.setdefault(claims[name], []).extend(claim_labels([name]))
    return [(jakarta_time(at), list(dict.fromkeys(labels))) for at, labels in sorted(by_time.items(), reverse=True)]


def _own_standing(consent_id: int) -> dict:
    for row in services_of(g.citizen.id):
        if row["consent"].id == consent_id:
            return row
    abort(404)


@bp.route("/services")
@citizen_required
def services():
    return render_template("account/services.html", services=services_of(g.citizen.id))


@bp.route("/services/<int(max=2147483647):consent_id>/withdraw")
@citizen_required
def confirm_withdrawal(consent_id):
    row = _own_standing(consent_id)
    if not row["standing"]:
        return redirect(url_for("account.services"), code=303)
    return render_template("account/withdraw.html", item=row)


@bp.route("/services/<int(max=2147483647):consent_id>/revoke", methods=["POST"])
@citizen_required
def revoke(consent_id):
    if not consents.withdraw(g.citizen.id, consent_id):
        abort(404)
    return redirect(url_for("account.withdrawn", consent_id=consent_id), code=303)


@bp.route("/services/<int(max=2147483647):consent_id>/withdrawn")
@citizen_required
def withdrawn(consent_id):
    row = _own_standing(consent_id)
    if row["standing"]:
        return redirect(url_for("account.services"), code=303)
    return render_template("account/withdrawn.html", item=row)
