"""Storage hooks for the grants: clients found, tokens saved (digests only) and revoked."""

import uuid
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from idp.clock import now
from idp.extensions import db
from idp.models import Token
from idp.security import digest
from idp.services.clients import find as find_client


def revoke_tokens(*conditions):
    """Revoke every live token matching the conditions."""
    db.session.execute(
        update(Token).where(Token.revoked_at.is_(None), *conditions).values(revoked_at=now())
    )


def granted_scope(token) -> str:
    """The scope the citizen granted: that of the family's first token.

    A token row's own scope is its access token's, which a refresh may have
    narrowed; the refresh token keeps the granted scope (RFC 6749 §6: a new
    refresh token's scope MUST be identical to the one it replaces).
    """
    first = db.session.scalar(
        select(Token.scope).where(Token.family_id == token.family_id).order_by(Token.id).limit(1)
    )
    return first or token.scope


def query_client(client_id):
    client = find_client(client_id)
    return None if client is None or client.disabled else client


def save_token(token, request):
    """Store digests only; link the token to its code or refresh-token family."""
    config = current_app.config
    issued = now()
    origin = request.refresh_token or request.authorization_code
    row = Token(
        client_id=request.client.client_id,
        citizen_id=request.user.id,
        scope=token["scope"],
        access_token_digest=digest(token["access_token"]),
        refresh_token_digest=digest(token["refresh_token"]) if token.get("refresh_token") else None,
        family_id=getattr(request.refresh_token, "family_id", None) or uuid.uuid4().hex,
        code_id=origin.code_id if request.refresh_token else origin.id,
        sid=origin.sid,
        auth_time=origin.auth_time,
        issued_at=issued,
        access_expires_at=issued + timedelta(seconds=token["expires_in"]),
        refresh_expires_at=issued + timedelta(seconds=config["REFRESH_TOKEN_TTL_SECONDS"]),
    )
    db.session.add(row)
    db.session.commit()
