"""Pushed authorization requests (RFC 9126): stored, found by their request_uri, consumed.

Every query of the pushed_authorization_request table is here. The request_uri is
256 random bits, stored as a digest like tokens and codes.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from idp.clock import now
from idp.extensions import db, rows_changed
from idp.models import PushedAuthorizationRequest
from idp.protocol.par import REQUEST_URI_PREFIX
from idp.security import digest, random_token


def push(client_id: str, params: dict) -> tuple[str, int]:
    """Store the parameters; the request_uri and its expires_in (RFC 9126 §2.2)."""
    expires_in = current_app.config["PAR_TTL_SECONDS"]
    request_uri = REQUEST_URI_PREFIX + random_token()
    db.session.add(
        PushedAuthorizationRequest(
            request_uri_digest=digest(request_uri),
            client_id=client_id,
            params=params,
            expires_at=now() + timedelta(seconds=expires_in),
        )
    )
    db.session.commit()
    return request_uri, expires_in


def find_usable(request_uri: str, client_id: str) -> PushedAuthorizationRequest | None:
    """The pushed request, if it is this client's, unexpired and not used (RFC 9126 §4)."""
    row = db.session.scalar(
        select(PushedAuthorizationRequest).where(PushedAuthorizationRequest.request_uri_digest == digest(request_uri))
    )
    if row is None or row.client_id != client_id or row.used_at is not None or row.expires_at <= now():
        return None
    return row


def consume(request_uri: str) -> bool:
    """Mark it used, in the caller's transaction: False if an authorization already did.

    Called when the authorization completes, not when its page loads (FAPI 2.0
    5.3.2.2-12), so a citizen reloading the sign-in page is not turned away."""
    return bool(
        rows_changed(
            update(PushedAuthorizationRequest)
            .where(
                PushedAuthorizationRequest.request_uri_digest == digest(request_uri),
                PushedAuthorizationRequest.used_at.is_(None),
            )
            .values(used_at=now())
        )
    )
