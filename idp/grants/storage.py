"""Authlib's storage hooks for the grants: which client is asking, and saving a token."""

import logging
from typing import NoReturn

from authlib.oauth2.rfc6749 import InvalidGrantError
from authlib.oidc.core.grants.util import is_openid_scope
from flask import current_app

from idp.extensions import commit_keeping_loaded, db
from idp.grants.code import AuthorizationCodeGrant, id_token_claims
from idp.grants.sender_constraint import proof_jkt
from idp.protocol.scopes import OFFLINE_ACCESS
from idp.services import browser_sessions, clients, consents, disclosures, tokens

log = logging.getLogger(__name__)


def query_client(client_id):
    """Authlib's client lookup: disabled clients are as good as unknown."""
    return clients.find_live(client_id)


def save_token(token, request):
    """Link the new token to its code, or to the refresh-token family it continues."""
    refreshing = request.refresh_token
    origin = refreshing or request.authorization_code
    # Checked in the transaction that saves the tokens, each holding its row until the
    # commit, so a reuse or a sign-out landing meanwhile waits and then finds the tokens
    # to revoke. A refresh needs no reuse check: its new pair is committed only by the
    # request that retires the old token first (RefreshTokenGrant.revoke_old_credential),
    # and a reuse after that finds it to revoke.
    if not refreshing and not AuthorizationCodeGrant.hold_unreused(origin):
        # RFC 6749 §4.1.2: a code presented again since this request consumed it issues nothing.
        _refuse(f"authorization code of {origin.client_id} reused before its tokens were saved")
    if origin.sid is not None and not browser_sessions.hold_live(origin.sid):
        # Tokens follow the sign-in session: none for a session that has ended.
        _refuse(f"{origin.client_id} asked for tokens of an ended sign-in session")
    if not consents.hold_standing(request.user.id, request.client.client_id):
        # UU PDP 27/2022: a withdrawn consent releases nothing more, not even through a code issued before.
        _refuse(f"{origin.client_id} asked for tokens after the citizen withdrew consent")
    tokens.save(
        client_id=request.client.client_id,
        citizen_id=request.user.id,
        scope=token["scope"],
        # RFC 6749 §6: a refresh keeps the scope granted, whatever this access token's is.
        granted_scope=tokens.family_scope(refreshing) if refreshing else token["scope"],
        access_token=token["access_token"],
        refresh_token=token.get("refresh_token"),
        expires_in=token["expires_in"],
        refresh_ttl_seconds=current_app.config["REFRESH_TOKEN_TTL_SECONDS"],
        family_id=refreshing.family_id if refreshing else None,
        code_id=origin.code_id if refreshing else origin.id,
        sid=origin.sid if refreshing else session_bound_to(origin.sid, token["scope"]),
        auth_time=origin.auth_time,
        dpop_jkt=proof_jkt(),  # RFC 9449 §6: cnf.jkt
        claims=refreshing.claims if refreshing else (origin.claims or {}).get("userinfo"),
    )
    if not refreshing:
        if is_openid_scope(token["scope"]):
            # The ID token's release is recorded with the tokens, in this commit (no write of
            # its own); the OpenIDCode hook signs these claims once the tokens are saved.
            request.id_token_claims = id_token_claims(token, request)
            disclosures.add(request.user.id, request.client.client_id, "id_token", request.id_token_claims)
        # The code spent (AuthorizationCodeGrant.consume) and its tokens, at once.
        commit_keeping_loaded()
    # A refresh commits when it rotates the token it used (RefreshTokenGrant.revoke_old_credential).


def session_bound_to(sid: str | None, scope: str) -> str | None:
    """The session a new family of tokens follows: none with `offline_access` granted
    (OIDC Core 11: the service keeps access after the citizen signs out; withdrawing the
    consent still ends it), else the sign-in session. A refresh keeps its family's."""
    return None if OFFLINE_ACCESS in scope.split() else sid


def _refuse(reason: str) -> NoReturn:
    db.session.rollback()
    log.warning("no tokens: %s", reason)
    raise InvalidGrantError("The authorization grant is no longer valid.")
