"""Development only: the SMS outbox, newest first.

Two representations of one list (content negotiation, RFC 9110 §12.5.1): JSON,
the stable interface tools read (the tests, the e2e suite, scripts), and an
HTML page for a person whose browser asks for text/html first.

Registered only when SMS_BACKEND is `outbox` and DEV_OUTBOX_ENABLED asks for it
(config.check_dev_outbox); production refuses both.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, jsonify, make_response, render_template, request
from sqlalchemy import select

from idp.extensions import db
from idp.models import SmsOutboxMessage
from idp.web.headers import no_store

bp = Blueprint("dev_outbox", __name__)
bp.after_request(no_store)  # every code sent is on it
JAKARTA = ZoneInfo("Asia/Jakarta")


def _wants_html() -> bool:
    # JSON first: no Accept header or `*/*` (curl, requests, the test client) keeps JSON;
    # a browser's Accept ranks text/html above `*/*`.
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"


def _in_jakarta(value: datetime) -> datetime:
    # SQLite returns naive datetimes: the UTC they were stored as.
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(JAKARTA)


@bp.route("/_dev/outbox")
def outbox():
    rows = db.session.scalars(select(SmsOutboxMessage).order_by(SmsOutboxMessage.id.desc()).limit(200)).all()
    if _wants_html():
        messages = [(row, _in_jakarta(row.sent_at)) for row in rows]
        response = make_response(render_template("dev_outbox.html", messages=messages))
    else:
        response = jsonify(
            [{"to": row.to, "body": row.body, "code": row.code, "sent_at": row.sent_at.isoformat()} for row in rows]
        )
    response.vary.add("Accept")  # one URL, two representations: caches must key on Accept
    return response
