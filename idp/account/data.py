"""Everything we hold about the citizen, as a JSON download (UU PDP 27/2022 art. 7)."""

from flask import g, jsonify, render_template

from idp.account import bp, citizen_required
from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.extensions import db
from idp.mfa.second_factor import remaining_recovery_codes
from idp.services import browser_sessions, clients, consent_receipts, consents, disclosures, tokens


def _iso(value):
    return value.isoformat() if value else None


def _event(event, receipt) -> dict:
    """One consent event as the log holds it, with its signed receipt (a compact JWS that
    `flask receipts verify` or any JOSE library checks against the provider's keys)."""
    return {
        "event": event.kind,
        "by": event.actor,
        "at": _iso(event.occurred_at),
        "scope": event.scope,
        "declined": event.declined,
        "purposes": event.purposes,
        "purpose_version": event.purpose_version,
        "language": event.language,
        "expires_at": _iso(event.expires_at),
        "receipt_id": receipt.receipt_id if receipt else None,
        "receipt": receipt.jws if receipt else None,
    }


def export(citizen) -> dict:
    names = clients.names()
    receipts = consent_receipts.of_citizen(citizen.id)
    return {
        "profile": {
            "phone_number": citizen.phone_number,
            "phone_number_verified": citizen.phone_number_verified,
            "name": citizen.name,
            "birthdate": _iso(citizen.birthdate),
            "gender": citizen.gender,
            "nik": citizen.nik,  # in full: it is theirs, in a download only they can make
            "address": citizen.address,
            "locale": citizen.locale,
            "created_at": _iso(citizen.created_at),
            "updated_at": _iso(citizen.updated_at),
        },
        "consents": [
            {
                "service": names.get(c.client_id, c.client_id),
                "scope": c.scope,
                "granted_at": _iso(c.granted_at),
                "revoked_at": _iso(c.revoked_at),
                "history": [_event(e, receipts.get(e.id)) for e in consents.history(c.id)],
            }
            for c in consents.all_of(citizen.id)
        ],
        "sessions": [
            {
                "user_agent": s.user_agent,
                "ip_address": s.ip_address,
                "signed_in_at": _iso(s.created_at),
                "last_seen_at": _iso(s.last_seen_at),
                "ended_at": _iso(s.ended_at),
                "methods": s.amr,
            }
            for s in browser_sessions.all_of(citizen.id)
        ],
        # Which service held access, and when; never the token values (we do not have them).
        "access_grants": [
            {
                "service": names.get(t.client_id, t.client_id),
                "scope": t.scope,
                "issued_at": _iso(t.issued_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in tokens.of_citizen(citizen.id)
        ],
        # Which claims (names, never values) went to which service, when and how.
        "disclosures": [
            {
                "service": names.get(d.client_id, d.client_id),
                "endpoint": d.endpoint,
                "claims": d.claim_names,
                "disclosed_at": _iso(d.disclosed_at),
            }
            for d in disclosures.of_citizen(citizen.id)
        ],
        # Whether a second factor is set up; never its secret or the recovery codes.
        "authenticator": {
            "enabled": citizen.has_totp,
            "enabled_at": _iso(citizen.totp_enabled_at),
            "recovery_codes_left": remaining_recovery_codes(citizen) if citizen.has_totp else 0,
        },
    }


@bp.route("/data")
@citizen_required
def data():
    return render_template("account/data.html")


@bp.route("/data.json")
@citizen_required
def data_download():
    response = jsonify(export(g.citizen))
    audit_log.append(audit.ACCOUNT_EXPORTED, citizen_id=g.citizen.id)
    db.session.commit()
    response.headers["Content-Disposition"] = 'attachment; filename="jaki-id-data.json"'
    response.headers["Cache-Control"] = "no-store"
    return response
