"""The refresh_token grant (RFC 6749 §6) with rotation and reuse detection."""

import logging

from authlib.oauth2.rfc6749 import InvalidGrantError, InvalidScopeError, UnauthorizedClientError, grants
from authlib.oauth2.rfc6749.util import scope_to_list

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.extensions import db
from idp.grants.client_auth import CLIENT_AUTH_METHODS
from idp.grants.sender_constraint import check_binding
from idp.protocol.sensitive_scopes import released_in_clear
from idp.services import tokens

log = logging.getLogger(__name__)


class RefreshTokenGrant(grants.RefreshTokenGrant):
    """Rotation with reuse detection (RFC 9700 §4.14.2); none for FAPI 2.0 clients, whose
    refresh tokens are sender-constrained instead (FAPI 2.0 5.3.2.1-9)."""

    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token):
        row = tokens.by_refresh_token(refresh_token)
        if row is None:
            return None
        if row.refresh_rotated_at is not None:
            log.warning("rotated refresh token presented by %s; revoking its family", row.client_id)
            tokens.revoke_family(row.family_id)
            _log_reuse(refresh_token_row=row)
            db.session.commit()
            return None
        return row if row.refresh_token_active else None

    def validate_token_request(self):
        super().validate_token_request()
        check_binding(self.request.client, self.request.refresh_token.dpop_jkt)
        # As at the code grant (idp/grants/code.py): a sensitive scope never in clear.
        if refusal := released_in_clear(self.request.client, tokens.family_scope(self.request.refresh_token)):
            raise UnauthorizedClientError(description=refusal)

    def authenticate_user(self, refresh_token):
        return refresh_token.citizen

    def _validate_token_scope(self, token):
        # RFC 6749 §6: the requested scope is measured against the grant, not
        # against the last access token (Authlib's check), which may be narrower.
        requested = set(scope_to_list(self.request.payload.scope) or [])
        if not requested <= set(tokens.family_scope(token).split()):
            raise InvalidScopeError()

    def issue_token(self, user, refresh_token):
        # RFC 6749 §6: an omitted scope means the scope originally granted.
        scope = self.request.payload.scope or tokens.family_scope(refresh_token)
        rotates = self.INCLUDE_NEW_REFRESH_TOKEN and not self.request.client.is_fapi2
        return self.generate_token(user=user, scope=scope, include_refresh_token=rotates)

    def revoke_old_credential(self, refresh_token):
        if self.request.client.is_fapi2:
            # FAPI 2.0 5.3.2.1-9: the refresh token stays what it was; the new access token is saved.
            db.session.commit()
            return
        if not tokens.rotate_refresh_token(refresh_token):
            # Lost a race with another refresh of the same token: that is reuse.
            tokens.revoke_family(refresh_token.family_id)
            _log_reuse(refresh_token_row=refresh_token)
            db.session.commit()
            raise InvalidGrantError("The refresh token was already used.")


def _log_reuse(refresh_token_row) -> None:
    audit_log.append(
        audit.REFRESH_REUSE_DETECTED,
        actor=audit_log.client(refresh_token_row.client_id),
        citizen_id=refresh_token_row.citizen_id,
        client_id=refresh_token_row.client_id,
    )
