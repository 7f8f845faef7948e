"""The authorization_code grant (RFC 6749 §4.1) and the ID token (OIDC Core 2, 3.1.3).

PKCE at the token request is idp/protocol/pkce.py."""

import logging
from typing import Any

from authlib.oauth2.base import OAuth2Error
from authlib.oauth2.rfc6749 import InvalidGrantError, UnauthorizedClientError, grants
from authlib.oidc.core.grants import OpenIDCode as _OpenIDCode
from authlib.oidc.core.grants.util import create_half_hash
from flask import current_app
from joserfc import jwt
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import joinedload

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.clock import now, timestamp
from idp.extensions import HoldWhileUnset, db, rows_changed, table
from idp.grants.client_auth import CLIENT_AUTH_METHODS, client_public_keys
from idp.grants.sender_constraint import check_binding
from idp.models import AuthorizationCode
from idp.protocol import encryption
from idp.protocol.claims import named_claims
from idp.protocol.keys import private_key_set, signing_algs
from idp.protocol.pairwise import session_id_for, subject_for
from idp.protocol.sensitive_scopes import released_in_clear
from idp.security import digest
from idp.services import tokens

log = logging.getLogger(__name__)


class EncryptionKeyUnavailable(OAuth2Error):
    """The client asked for encrypted ID tokens and no key of its can receive one now
    (its jwks_uri is down or lacks the key): a 503 it may retry, its code unspent."""

    error = "temporarily_unavailable"
    status_code = 503

    def get_headers(self):
        return [*super().get_headers(), ("Retry-After", "60")]


def encryption_key_ready(client) -> None:
    """Before the code is spent: the key its ID token will be encrypted to can be found."""
    if not encryption.encrypts(client, "id_token"):
        return
    try:
        encryption.check_recipient_key(client, client_public_keys(client), "id_token")
    except encryption.NoEncryptionKey as error:
        log.warning("no encryption key for the ID token of %s: %s", client.client_id, error)
        raise EncryptionKeyUnavailable(description="The client's encryption key could not be loaded.") from None


class SigningKeyNotReady(EncryptionKeyUnavailable):
    """The client's ID token algorithm has no key that signs yet: the same 503 the
    client may retry, never a 500, and the code is left unconsumed."""


_CODES = table(AuthorizationCode)
# Spends the code: of two concurrent redemptions only one matches the row.
_CONSUME = (
    update(_CODES)
    .where(
        _CODES.c.id == bindparam("code_id"),
        _CODES.c.used_at.is_(None),
        _CODES.c.expires_at > bindparam("moment"),
    )
    .values(used_at=bindparam("moment"))
)
_HOLD_UNREUSED = HoldWhileUnset(_CODES.c.reused_at, key=_CODES.c.id)
# With its citizen, in the same SELECT: the ID token is about them.
_BY_CODE = (
    select(AuthorizationCode)
    .where(AuthorizationCode.code_digest == bindparam("digest"))
    .options(joinedload(AuthorizationCode.citizen))
)


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH_METHODS

    def query_authorization_code(self, code, client):
        row = db.session.scalar(_BY_CODE, {"digest": digest(code)})
        if row is None or row.client_id != client.client_id:
            return None
        if row.used_at is not None:
            self.revoke_reused(row)
            return None
        return row if row.expires_at > now() else None

    def validate_token_request(self):
        super().validate_token_request()
        check_binding(self.request.client, self.request.authorization_code.dpop_jkt)

    def create_token_response(self):
        # Consumed only now, after client, redirect_uri and PKCE were checked:
        # a failed attempt (say, a wrong verifier from someone holding a leaked
        # code) does not burn the code or look like reuse.
        if refusal := released_in_clear(self.request.client, self.request.authorization_code.scope):
            # A client registered before sensitive scopes required encryption: never in clear.
            log.error("refused tokens to %s: %s", self.request.client.client_id, refusal)
            raise UnauthorizedClientError(description=refusal)
        encryption_key_ready(self.request.client)
        alg = self.request.client.id_token_signed_response_alg or "RS256"
        if alg not in signing_algs():
            # Registration accepts only algorithms that sign; a client registered
            # before that rule, or whose key an operator removed, lands here.
            log.error("no %s key signs for %s", alg, self.request.client.client_id)
            raise SigningKeyNotReady(description=f"No {alg} key signs yet; try again later.")
        self.consume(self.request.authorization_code)
        return super().create_token_response()

    def consume(self, row: AuthorizationCode):
        """Mark the code used, atomically: of two concurrent redemptions one wins.

        Not committed here: the code is spent in the transaction that saves its tokens
        (idp/grants/storage.py), so a failure in between (the database gone, a refusal)
        leaves the code unused, and nothing half-written. Its row stays locked until
        then: a second redemption waits, then finds it used, which is reuse.
        """
        won = rows_changed(_CONSUME, {"code_id": row.id, "moment": now()})
        if not won:
            db.session.rollback()
            db.session.refresh(row)
            if row.used_at is not None:
                self.revoke_reused(row)
            raise InvalidGrantError("Invalid 'code' in request.")

    def revoke_reused(self, row: AuthorizationCode):
        # RFC 6749 §4.1.2: a reused code SHOULD revoke what it issued.
        log.warning("authorization code reused by %s; revoking its tokens", row.client_id)
        # Marked first: this UPDATE takes the code's row lock, so if the winner is
        # saving its tokens right now (save_token holds the same lock) we wait for
        # them and revoke them below; if we are first, the winner saves nothing.
        db.session.execute(
            update(AuthorizationCode)
            .where(AuthorizationCode.id == row.id)
            .values(reused_at=func.coalesce(AuthorizationCode.reused_at, now()))
        )
        tokens.revoke_from_code(row.id)
        audit_log.append(
            audit.CODE_REUSE_DETECTED,
            actor=audit_log.client(row.client_id),
            citizen_id=row.citizen_id,
            client_id=row.client_id,
        )
        db.session.commit()

    @staticmethod
    def hold_unreused(row: AuthorizationCode) -> bool:
        """In the transaction that will save the code's tokens: True if the code was not
        reused, its row locked meanwhile, so a reuse (revoke_reused) either came first or
        waits and then revokes the tokens we saved. No window is left between the two."""
        return _HOLD_UNREUSED(row.id)

    def delete_authorization_code(self, authorization_code):
        """Nothing to do: the code was consumed in create_token_response."""

    def authenticate_user(self, authorization_code):
        return authorization_code.citizen


class OpenIDCode(_OpenIDCode):
    """ID tokens (OIDC Core 2, 3.1.3.6) signed by our active key, with its `kid`."""

    def __init__(self):
        super().__init__(require_nonce=False)  # nonce is optional in the code flow

    def exists_nonce(self, nonce, request):
        return False  # codes are single use; a replayed nonce cannot yield a second code

    def encode_id_token(self, token, request):
        # Built, and its disclosure recorded, in the transaction that saved the tokens
        # (idp/grants/storage.py): no write of its own on the token path.
        claims = request.id_token_claims
        client = request.client
        alg = client.id_token_signed_response_alg or "RS256"
        signed = jwt.encode({"alg": alg, "typ": "JWT"}, claims, private_key_set(alg), [alg])
        if encryption.encrypts(client, "id_token"):
            # OIDC Core 10.2: signed, then encrypted to the client (a Nested JWT).
            return encryption.encrypt_for(client, client_public_keys(client), "id_token", signed, nested=True)
        return signed


def id_token_claims(token, request) -> dict[str, Any]:
    """The ID token's claims for the tokens being issued (OIDC Core 2, 3.1.3.6)."""
    client = request.client
    config = current_app.config
    issued_at = timestamp()
    code = request.authorization_code
    alg = client.id_token_signed_response_alg or "RS256"
    # OIDC Core 5.4: with an access token issued, scope claims come from
    # UserInfo. Keeping them out of the ID token keeps them out of the
    # id_token_hint in logout URLs, browser history and access logs.
    claims: dict[str, Any] = {"sub": subject_for(request.user, client)}
    claims.update(
        iss=config["ISSUER"],
        aud=client.client_id,
        iat=issued_at,
        exp=issued_at + config["ID_TOKEN_TTL_SECONDS"],
    )
    # `auth_time` only when the request asked for it (the code holds it then, OIDC
    # Core 2): it is the same at every service for one sign-in, so it would link the
    # services' pairwise subjects. A protected client never gets it, even when it asks:
    # max_age is still enforced, but the sign-in's moment must not join it to another.
    names = ("nonce", "acr", "amr") if client.protected else ("nonce", "auth_time", "acr", "amr")
    for name in names:
        value = getattr(code, name)
        if value:
            claims[name] = value
    if client.backchannel_logout_uri and code.sid:
        # Back-Channel Logout 1.0 §2.4: the `sid` its logout token will name; per
        # sector like `sub` (never the session's own, to which the tokens are bound).
        claims["sid"] = session_id_for(code.sid, client)
    # Claims the service asked for in the ID token itself (OIDC Core 5.5), if allowed.
    claims.update(named_claims(request.user, (code.claims or {}).get("id_token", [])))
    at_hash = create_half_hash(token["access_token"], alg)
    if at_hash is not None:
        claims["at_hash"] = at_hash.decode()
    return claims
