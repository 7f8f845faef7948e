"""Deleting what has expired, so unauthenticated traffic cannot grow tables
forever. Run `flask purge` from a scheduler (e.g. hourly); it is idempotent.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, or_

from idp.clock import now
from idp.extensions import db, rows_changed
from idp.models import AuthorizationCode, BrowserSession, Interaction, OtpChallenge, SmsOutboxMessage

# Kept a day past expiry: a late replay of a code still finds it and is
# treated as reuse (its tokens revoked) rather than as an unknown code.
EXPIRED_GRACE = timedelta(days=1)


def purge() -> dict[str, int]:
    moment = now()
    config = current_app.config
    ended_session_retention = timedelta(seconds=config["ENDED_SESSION_RETENTION_SECONDS"])
    absolute = timedelta(seconds=config["SESSION_ABSOLUTE_TTL_SECONDS"])
    statements = {
        "interactions": delete(Interaction).where(Interaction.expires_at < moment),
        "authorization_codes": delete(AuthorizationCode).where(AuthorizationCode.expires_at < moment - EXPIRED_GRACE),
        "otp_challenges": delete(OtpChallenge).where(OtpChallenge.expires_at < moment - EXPIRED_GRACE),
        # Ended sessions stay a while: the citizen's data export lists their sign-ins.
        "browser_sessions": delete(BrowserSession).where(
            or_(
                BrowserSession.ended_at < moment - ended_session_retention,
                BrowserSession.created_at < moment - absolute - ended_session_retention,
            )
        ),
        "sms_outbox": delete(SmsOutboxMessage).where(SmsOutboxMessage.sent_at < moment - EXPIRED_GRACE),
    }
    counts = {name: rows_changed(statement) for name, statement in statements.items()}
    db.session.commit()
    return counts
