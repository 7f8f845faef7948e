"""Revocation (RFC 7009) and introspection (RFC 7662) of our tokens."""

from dataclasses import dataclass

from authlib.oauth2.rfc6749 import InvalidRequestError
from authlib.oauth2.rfc7009 import RevocationEndpoint as _RevocationEndpoint
from authlib.oauth2.rfc7662 import IntrospectionEndpoint as _IntrospectionEndpoint
from flask import current_app

from idp.extensions import db
from idp.grants.client_auth import CLIENT_AUTH_METHODS, INTROSPECTION_AUTH_METHODS
from idp.models import Token
from idp.protocol.claims import claims_for
from idp.services import clients, disclosures, tokens


@dataclass
class PresentedToken:
    """A token string a client presented, and which of its row's two tokens it
    is: an access token and its refresh token expire and retire separately."""

    row: Token
    is_refresh_token: bool

    def check_client(self, client):
        return self.row.check_client(client)

    @property
    def active(self) -> bool:
        return self.row.refresh_token_active if self.is_refresh_token else self.row.access_token_active

    @property
    def expires_at(self):
        return self.row.refresh_expires_at if self.is_refresh_token else self.row.access_expires_at


def _find_token(token_string, token_type_hint) -> PresentedToken | None:
    # RFC 7009 §2.1 / RFC 7662 §2.1: the hint only orders the search.
    by_access = (False, tokens.by_access_token)
    by_refresh = (True, tokens.by_refresh_token)
    order = [by_refresh, by_access] if token_type_hint == "refresh_token" else [by_access, by_refresh]
    for is_refresh_token, find in order:
        row = find(token_string)
        if row is not None:
            return PresentedToken(row, is_refresh_token)
    return None


def check_token_param(request):
    # RFC 7009 §2.1 / RFC 7662 §2.1: token_type_hint is only a hint, so an
    # unknown value is ignored (Authlib answers it with a 401) and we search both.
    if not request.form.get("token"):
        raise InvalidRequestError("Missing 'token'.")


class RevocationEndpoint(_RevocationEndpoint):
    """RFC 7009. Revoking an access token revokes its refresh token too;
    revoking a refresh token revokes its whole family."""

    CLIENT_AUTH_METHODS = CLIENT_AUTH_METHODS

    def check_params(self, request, client):
        check_token_param(request)

    def query_token(self, token_string, token_type_hint):
        return _find_token(token_string, token_type_hint)

    def revoke_token(self, token, request):
        if token.is_refresh_token:
            # RFC 7009 §2.1: SHOULD also invalidate all access tokens based on the
            # same grant, including those issued before the last rotation.
            tokens.revoke_family(token.row.family_id)
        else:
            tokens.revoke_one(token.row)
        db.session.commit()


class IntrospectionEndpoint(_IntrospectionEndpoint):
    """RFC 7662. A client may introspect only the tokens issued to it."""

    CLIENT_AUTH_METHODS = INTROSPECTION_AUTH_METHODS

    def check_params(self, request, client):
        check_token_param(request)

    def query_token(self, token_string, token_type_hint):
        return _find_token(token_string, token_type_hint)

    def check_permission(self, token, client, request):
        return token.check_client(client)

    def create_introspection_payload(self, token):
        # RFC 7662 §2.2: an inactive token gets {"active": false} and nothing else.
        if token is None or not token.active:
            return {"active": False}
        return self.introspect_token(token)

    def introspect_token(self, token):
        row = token.row
        client = clients.recent(row.client_id)
        payload = {
            "active": True,
            "client_id": row.client_id,
            "scope": tokens.family_scope(row) if token.is_refresh_token else row.scope,
            "sub": claims_for(row.citizen, client, "openid")["sub"],
            "aud": row.client_id,
            "iss": current_app.config["ISSUER"],
            "exp": int(token.expires_at.timestamp()),
            "iat": int(row.issued_at.timestamp()),
        }
        if not token.is_refresh_token:
            payload["token_type"] = "DPoP" if row.dpop_jkt else "Bearer"
        if row.dpop_jkt:
            payload["cnf"] = {"jkt": row.dpop_jkt}  # RFC 9449 §6.2
        disclosures.record(row.citizen_id, row.client_id, "introspection", ["sub"])
        return payload
