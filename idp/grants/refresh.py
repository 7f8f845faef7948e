"""The refresh_token grant (RFC 6749 §6) with rotation and reuse detection."""

import logging

from authlib.oauth2.rfc6749 import InvalidGrantError, InvalidScopeError, grants
from authlib.oauth2.rfc6749.util import scope_to_list
from sqlalchemy import select, update

from idp.clock import now
from idp.extensions import db
from idp.grants.client_auth import CLIENT_AUTH_METHODS
from idp.grants.storage import granted_scope, revoke_tokens
from idp.models import Token
from idp.security import digest

log = logging.getLogger(__name__)


class RefreshTokenGrant(grants.RefreshTokenGrant):
    """Rotation with reuse detection (RFC 9700 §4.14.2)."""

    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token):
        row = db.session.scalar(select(Token).where(Token.refresh_token_digest == digest(refresh_token)))
        if row is None:
            return None
        if row.refresh_rotated_at is not None:
            log.warning("rotated refresh token presented by %s; revoking its family", row.client_id)
            revoke_tokens(Token.family_id == row.family_id)
            db.session.commit()
            return None
        return row if row.refresh_token_active else None

    def authenticate_user(self, refresh_token):
        return refresh_token.citizen

    def _validate_token_scope(self, token):
        # RFC 6749 §6: the requested scope is measured against the grant, not
        # against the last access token (Authlib's check), which may be narrower.
        requested = set(scope_to_list(self.request.payload.scope) or [])
        if not requested <= set(granted_scope(token).split()):
            raise InvalidScopeError()

    def issue_token(self, user, refresh_token):
        # RFC 6749 §6: an omitted scope means the scope originally granted.
        scope = self.request.payload.scope or granted_scope(refresh_token)
        return self.generate_token(user=user, scope=scope, include_refresh_token=self.INCLUDE_NEW_REFRESH_TOKEN)

    def revoke_old_credential(self, refresh_token):
        won = db.session.execute(
            update(Token)
            .where(Token.id == refresh_token.id, Token.refresh_rotated_at.is_(None))
            .values(refresh_rotated_at=now())
        ).rowcount
        db.session.commit()
        if not won:
            # Lost a race with another refresh of the same token: that is reuse.
            revoke_tokens(Token.family_id == refresh_token.family_id)
            db.session.commit()
            raise InvalidGrantError("The refresh token was already used.")
