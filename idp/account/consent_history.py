"""A consent's history as the citizen reads it on /account/services, and each event's
signed receipt as a download (ISO/IEC TS 27560, Kantara Consent Receipt v1.1).

A receipt is found only through the citizen's own consent: another citizen's event id is a
404, the same as one that does not exist, so ids reveal nothing.
"""

from zoneinfo import ZoneInfo

from flask import abort, g, make_response

from idp.account import bp, citizen_required
from idp.models import ConsentEvent
from idp.models.consent import STANDING_KINDS
from idp.protocol.scopes import in_catalogue_order
from idp.services import consent_receipts, consents
from idp.web.i18n import N_
from idp.web.times import jakarta_time

# RFC 7519 §10.3.1: a receipt is a JWT (its `typ` is consent-receipt+jwt).
RECEIPT_MEDIA_TYPE = "application/jwt"

WHAT = {
    "granted": N_("Consent given"),
    "widened": N_("Consent widened"),
    "narrowed": N_("Consent narrowed"),
    "changed": N_("Consent changed"),
    "renewed": N_("Consent renewed"),
    "withdrawn": N_("Consent withdrawn"),
    "expired": N_("Consent expired"),
}
WHO = {
    "citizen": N_("by you"),
    "operator": N_("by a JAKI ID operator"),
    "account_closure": N_("by closing your account"),
    "system": N_("after its period ended"),
}
# Short names for a list; the consent page has the long ones (idp/protocol/scopes.py).
SCOPE_NAMES = {
    "openid": N_("Identifier"),
    "profile": N_("Profile"),
    "phone": N_("Phone number"),
    "address": N_("Address"),
    "nik": N_("NIK"),
    "offline_access": N_("Access while signed out"),
}


def _row(event: ConsentEvent) -> dict:
    standing = event.kind in STANDING_KINDS
    return {
        "id": event.id,
        "what": WHAT.get(event.kind, event.kind),
        "by": WHO.get(event.actor, event.actor),
        "when": jakarta_time(event.occurred_at),
        "scopes": [SCOPE_NAMES[s.name] for s in in_catalogue_order(event.scope.split())] if standing else [],
        "purpose_version": event.purpose_version if standing else None,
    }


def history_of(consent_id: int) -> list[dict]:
    """The consent's events, newest first, as the page lists them."""
    return [_row(event) for event in reversed(consents.history(consent_id))]


@bp.route("/services/receipts/<int(max=2147483647):event_id>.jwt")
@citizen_required
def consent_receipt(event_id):
    found = consent_receipts.of_event(g.citizen.id, event_id)
    if found is None:
        abort(404)
    event, receipt = found
    response = make_response(receipt.jws)
    response.mimetype = RECEIPT_MEDIA_TYPE
    day = event.occurred_at.astimezone(ZoneInfo("Asia/Jakarta")).strftime("%Y-%m-%d")
    name = f"jaki-id-consent-receipt-{day}-{receipt.receipt_id[:8]}.jwt"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
