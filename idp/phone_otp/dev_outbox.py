"""Development only: the SMS outbox as JSON, newest first (a stable interface).

Registered only when SMS_BACKEND is `outbox` and DEV_OUTBOX_ENABLED asks for it
(config.check_dev_outbox); production refuses both.
"""

from flask import Blueprint, jsonify
from sqlalchemy import select

from idp.extensions import db
from idp.models import SmsOutboxMessage

bp = Blueprint("dev_outbox", __name__)


@bp.route("/_dev/outbox")
def outbox():
    rows = db.session.scalars(select(SmsOutboxMessage).order_by(SmsOutboxMessage.id.desc()).limit(200))
    return jsonify(
        [{"to": row.to, "body": row.body, "code": row.code, "sent_at": row.sent_at.isoformat()} for row in rows]
    )
