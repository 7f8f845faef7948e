"""Maintenance: deleting what has expired, so tables stay bounded however many sign-ins
come; and encrypting again what the key-encryption key protects when it is changed.

Run `flask purge` from a scheduler (hourly; docs/operations.md); it is idempotent and
two runs at once are harmless. Each kind of row is deleted in batches of
PURGE_BATCH_SIZE, one short transaction each, so no lock is held for long; on
PostgreSQL a batch skips rows another transaction holds (SKIP LOCKED) rather than
waiting for them: the next run takes them.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import ColumnElement, and_, delete, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute

from idp import security
from idp.clock import now
from idp.extensions import db, rows_changed
from idp.models import (
    AuthorizationCode,
    BrowserSession,
    Citizen,
    Interaction,
    LogoutDelivery,
    OtpChallenge,
    PushedAuthorizationRequest,
    SigningKey,
    SmsOutboxMessage,
    StaffMember,
    StaffSession,
    Token,
)

# Kept a day past expiry: a late replay of a code or a rotated refresh token still
# finds it and is treated as reuse (its tokens revoked) rather than as unknown.
EXPIRED_GRACE = timedelta(days=1)


def expired_rows() -> dict[str, tuple[InstrumentedAttribute, ColumnElement[bool]]]:
    """Each kind of row: its key, and what makes a row of it deletable now."""
    moment = now()
    config = current_app.config
    past_grace = moment - EXPIRED_GRACE
    ended_session_retention = timedelta(seconds=config["ENDED_SESSION_RETENTION_SECONDS"])
    absolute = timedelta(seconds=config["SESSION_ABSOLUTE_TTL_SECONDS"])
    staff_absolute = timedelta(seconds=config["STAFF_SESSION_ABSOLUTE_TTL_SECONDS"])
    # A sign-in started from a pushed request at its last moment consumes it when it completes.
    interaction_ttl = timedelta(seconds=config["INTERACTION_TTL_SECONDS"])
    return {
        # Both the access and the refresh token expired: nothing can use the row any more.
        # (The family's granted scope is on every row, so no later row needs the first.)
        "tokens": (Token.id, and_(Token.refresh_expires_at < past_grace, Token.access_expires_at < past_grace)),
        "interactions": (Interaction.id, Interaction.expires_at < moment),
        "authorization_codes": (AuthorizationCode.id, AuthorizationCode.expires_at < past_grace),
        "pushed_authorization_requests": (
            PushedAuthorizationRequest.id,
            PushedAuthorizationRequest.expires_at < moment - interaction_ttl,
        ),
        "otp_challenges": (OtpChallenge.id, OtpChallenge.expires_at < past_grace),
        # Ended sessions stay a while: the citizen's data export lists their sign-ins.
        "browser_sessions": (
            BrowserSession.id,
            or_(
                BrowserSession.ended_at < moment - ended_session_retention,
                BrowserSession.created_at < moment - absolute - ended_session_retention,
            ),
        ),
        # Logout tokens delivered or given up (the operator's list) stay as long as ended sessions.
        "logout_deliveries": (
            LogoutDelivery.id,
            or_(
                LogoutDelivery.delivered_at < moment - ended_session_retention,
                LogoutDelivery.failed_at < moment - ended_session_retention,
            ),
        ),
        "staff_sessions": (
            StaffSession.id,
            or_(StaffSession.ended_at < past_grace, StaffSession.created_at < past_grace - staff_absolute),
        ),
        "sms_outbox": (SmsOutboxMessage.id, SmsOutboxMessage.sent_at < past_grace),
    }


def reencrypt_at_rest(batch_size: int = 500) -> dict[str, int]:
    """Everything the key-encryption key protects, encrypted again with its first (new)
    key: signing keys' private parts and TOTP secrets; afterwards the old key can go."""
    columns = {
        "signing_keys": SigningKey.private_jwk_encrypted,
        "citizen_authenticators": Citizen.totp_secret_encrypted,
        "staff_authenticators": StaffMember.totp_secret_encrypted,
    }
    return {name: _reencrypt_column(column, batch_size) for name, column in columns.items()}


def _reencrypt_column(column: InstrumentedAttribute, batch_size: int) -> int:
    key = column.class_.__mapper__.primary_key[0]
    done, after = 0, None
    while True:
        query = select(key, column).where(column.is_not(None)).order_by(key).limit(batch_size)
        batch = db.session.execute(query if after is None else query.where(key > after)).all()
        for row_id, encrypted in batch:
            db.session.execute(
                update(column.class_).where(key == row_id).values({column.key: security.reencrypt_at_rest(encrypted)})
            )
        db.session.commit()
        done += len(batch)
        if len(batch) < batch_size:
            return done
        after = batch[-1][0]


def purge(batch_size: int | None = None) -> dict[str, int]:
    """Delete every expired row; how many of each kind went."""
    size = batch_size or current_app.config["PURGE_BATCH_SIZE"]
    return {name: _delete_in_batches(key, condition, size) for name, (key, condition) in expired_rows().items()}


def _delete_in_batches(key: InstrumentedAttribute, condition: ColumnElement[bool], size: int) -> int:
    deleted = 0
    while True:
        batch = list(db.session.scalars(select(key).where(condition).limit(size).with_for_update(skip_locked=True)))
        if batch:
            deleted += rows_changed(delete(key.class_).where(key.in_(batch)))
        db.session.commit()
        if len(batch) < size:
            return deleted
