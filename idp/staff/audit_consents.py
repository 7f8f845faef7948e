"""The consent log in the auditor console: per service over time, and per pseudonymous
citizen. Read-only, auditors only, and each view is itself an audit event."""

from flask import g, render_template, request

from idp.audit import consent_report, presentation
from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.audit.pseudonyms import PREFIX
from idp.extensions import db
from idp.services import clients
from idp.staff import bp
from idp.staff.access import staff_required
from idp.web.i18n import gettext as _


@bp.route("/audit/consents")
@staff_required("auditor")
def audit_consents():
    names = clients.names()
    client_id = request.args.get("client", "")[:64]
    citizen = request.args.get("citizen", "").strip()[:64]
    error = None
    if citizen and not citizen.startswith(PREFIX):
        error, citizen = _("A pseudonymous citizen id starts with w- (as the events show it)."), ""
    report = consent_report.for_client(client_id) if client_id in names else None
    history = presentation.shown(consent_report.for_citizen(citizen)) if citizen else None
    details = {"page": "consents", "filters": {k: v for k, v in (("client_id", client_id), ("citizen", citizen)) if v}}
    audit_log.append(audit.AUDITOR_VIEWED, actor=audit_log.staff(g.staff_member.id), details=details)
    db.session.commit()
    body = render_template(
        "staff/audit_consents.html",
        clients=sorted(names.items(), key=lambda item: item[1].lower()),
        client_id=client_id,
        client_name=names.get(client_id),
        citizen=citizen,
        report=report,
        history=history,
        kinds=[(kind, audit.LABELS[kind]) for kind in audit.CONSENT_EVENTS],
        error=error,
    )
    return body, 400 if error else 200
