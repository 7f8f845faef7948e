"""The auditor console: read-only pages over the audit log, for auditors only.

Every page view and export is itself an event; so is revealing who a
pseudonym is, which needs a written justification. Nothing here changes
anything else: the pages answer GET only, the reveal form adds only its event.
"""

from flask import Response, g, render_template, request, url_for

from idp.audit import archive, presentation, queries
from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.audit.pseudonyms import PREFIX
from idp.audit.reveal import MAX_JUSTIFICATION, MIN_JUSTIFICATION, RevealRefused, reveal
from idp.audit.verify import verify
from idp.extensions import db
from idp.services import clients
from idp.staff import bp
from idp.staff.access import staff_required
from idp.web.i18n import gettext as _

AUDITOR = "auditor"
EXPORT_FORMATS = {"csv": ("csv", "text/csv"), "json": ("jsonl", "application/x-ndjson")}


def _record(event_type: str, details: dict) -> None:
    """The auditor's own event, committed before the page is shown."""
    audit_log.append(event_type, actor=audit_log.staff(g.staff_member.id), details=details)
    db.session.commit()


def _page_number() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and len(value) < 7 else 1


@bp.route("/audit")
@staff_required(AUDITOR)
def audit_events():
    wanted = queries.parse_filter(request.args)
    page = queries.page_of(wanted, _page_number())
    _record(audit.AUDITOR_VIEWED, {"page": "events", "filters": wanted.as_details(), "page_number": page.number})
    body = render_template(
        "staff/audit_events.html",
        wanted=wanted,
        page=page,
        events=presentation.shown(page.events),
        types=sorted(audit.LABELS.items(), key=lambda item: item[0]),
        clients=sorted(clients.names().items(), key=lambda item: item[1].lower()),
        errors=[_(error) for error in wanted.errors],
    )
    return body, 400 if wanted.errors else 200


@bp.route("/audit/export")
@staff_required(AUDITOR)
def audit_export():
    wanted = queries.parse_filter(request.args)
    choice = request.args.get("format", "csv")
    if choice not in EXPORT_FORMATS or wanted.errors:
        return audit_events()
    fmt, mimetype = EXPORT_FORMATS[choice]
    events = queries.matching(wanted)
    body = "".join(archive.export_lines(events, fmt))
    _record(audit.AUDITOR_EXPORTED, {"format": choice, "filters": wanted.as_details(), "events": len(events)})
    extension = "csv" if choice == "csv" else "jsonl"
    headers = {"Content-Disposition": f'attachment; filename="jaki-id-audit.{extension}"'}
    return Response(body, mimetype=mimetype, headers=headers)


@bp.route("/audit/chain")
@staff_required(AUDITOR)
def audit_chain():
    status = verify()
    newest_verified = queries.event_at(status.verified_through) if status.verified_through else None
    _record(audit.AUDITOR_VIEWED, {"page": "chain"})
    return render_template(
        "staff/audit_chain.html",
        status=status,
        verified_when=presentation.when(newest_verified) if newest_verified else None,
        checkpoint=status.last_checkpoint,
        checkpoint_when=status.last_checkpoint.created_at.astimezone(queries.JAKARTA).strftime("%Y-%m-%d %H:%M WIB")
        if status.last_checkpoint
        else None,
    )


@bp.route("/audit/reveal", methods=["GET", "POST"])
@staff_required(AUDITOR)
def audit_reveal():
    pseudonym = (request.values.get("pseudonym") or "").strip()
    if not pseudonym.startswith(PREFIX) or len(pseudonym) > 64:
        return _reveal_page("", _("A pseudonymous citizen id starts with w- (as the events show it)."), 400)
    if request.method == "GET":
        return _reveal_page(pseudonym)
    justification = request.form.get("justification", "")
    try:
        citizen = reveal(g.staff_member.id, pseudonym, justification)
    except RevealRefused as error:
        message = _(str(error), minimum=MIN_JUSTIFICATION, maximum=MAX_JUSTIFICATION)
        return _reveal_page(pseudonym, message, 400, justification=justification)
    return render_template("staff/audit_revealed.html", pseudonym=pseudonym, citizen=citizen)


def _reveal_page(pseudonym: str, error: str | None = None, status: int = 200, justification: str = ""):
    body = render_template(
        "staff/audit_reveal.html",
        pseudonym=pseudonym,
        error=error,
        justification=justification,
        minimum=MIN_JUSTIFICATION,
        maximum=MAX_JUSTIFICATION,
        back=url_for("staff.audit_events", citizen=pseudonym) if pseudonym else url_for("staff.audit_events"),
    )
    return body, status
