"""Access and refresh tokens: every query and state change of the token table is here.

Only SHA-256 digests are stored. Tokens from one authorization share a family;
revoking is one UPDATE of the rows still live, so revoking twice is harmless.
"""

import uuid
from datetime import timedelta

from sqlalchemy import bindparam, insert, or_, select, update
from sqlalchemy.orm import joinedload

from idp.clock import now
from idp.extensions import db, rows_changed, table
from idp.models import Token
from idp.operations import metrics
from idp.security import digest

_TOKENS = table(Token)
# Built once and run with their values (the statements below too), the writes on the
# table: on every token request.
_INSERT = insert(_TOKENS)
_ROTATE = (
    update(_TOKENS)
    .where(_TOKENS.c.id == bindparam("token_id"), _TOKENS.c.refresh_rotated_at.is_(None))
    .values(refresh_rotated_at=bindparam("moment"))
)


# With its citizen, in the same SELECT: UserInfo, introspection and a refresh read both.
_BY_ACCESS_TOKEN = (
    select(Token).where(Token.access_token_digest == bindparam("digest")).options(joinedload(Token.citizen))
)
_BY_REFRESH_TOKEN = (
    select(Token).where(Token.refresh_token_digest == bindparam("digest")).options(joinedload(Token.citizen))
)


def by_access_token(value: str) -> Token | None:
    return db.session.scalar(_BY_ACCESS_TOKEN, {"digest": digest(value)})


def by_refresh_token(value: str) -> Token | None:
    return db.session.scalar(_BY_REFRESH_TOKEN, {"digest": digest(value)})


def of_citizen(citizen_id: str) -> list[Token]:
    return list(db.session.scalars(select(Token).where(Token.citizen_id == citizen_id)))


def family_scope(token: Token) -> str:
    """The scope the citizen granted the family, kept on each of its rows.

    A token row's own scope is its access token's, which a refresh may have
    narrowed; the refresh token keeps the granted scope (RFC 6749 §6: a new
    refresh token's scope MUST be identical to the one it replaces).
    """
    if token.granted_scope is not None:
        return token.granted_scope
    # A row an earlier release wrote (during a rolling deploy): the family's first row's.
    first = db.session.scalar(select(Token.scope).where(Token.family_id == token.family_id).order_by(Token.id).limit(1))
    return first or token.scope


def save(
    *,
    client_id: str,
    citizen_id: str,
    scope: str,
    granted_scope: str,
    access_token: str,
    refresh_token: str | None,
    expires_in: int,
    refresh_ttl_seconds: int,
    family_id: str | None,
    code_id: int | None,
    sid: str | None,
    auth_time: int | None,
    dpop_jkt: str | None = None,
    claims: list | None = None,
) -> None:
    """Store a new token pair, as digests; a new family unless it continues one.

    Not committed: the caller commits it with what it belongs to (the code spent, or
    the refresh token rotated), so a failure in between writes neither.
    """
    issued = now()
    db.session.execute(
        _INSERT,
        {
            "client_id": client_id,
            "citizen_id": citizen_id,
            "scope": scope,
            "granted_scope": granted_scope,
            "access_token_digest": digest(access_token),
            "refresh_token_digest": digest(refresh_token) if refresh_token else None,
            "family_id": family_id or uuid.uuid4().hex,
            "code_id": code_id,
            "sid": sid,
            "auth_time": auth_time,
            "dpop_jkt": dpop_jkt,
            "claims": claims,
            "issued_at": issued,
            "access_expires_at": issued + timedelta(seconds=expires_in),
            "refresh_expires_at": issued + timedelta(seconds=refresh_ttl_seconds),
        },
    )
    metrics.TOKENS_ISSUED.labels("refresh_token" if family_id else "authorization_code").inc()


def rotate_refresh_token(token: Token) -> bool:
    """Retire a refresh token that was just used, atomically, committing the pair saved to
    replace it with it; False, and that pair undone, if another request rotated it first."""
    won = rows_changed(_ROTATE, {"token_id": token.id, "moment": now()})
    if not won:
        db.session.rollback()
        return False
    db.session.commit()
    return True


def _revoke(*conditions) -> None:
    """Revoke every live token matching the conditions (the caller commits)."""
    db.session.execute(update(Token).where(Token.revoked_at.is_(None), *conditions).values(revoked_at=now()))


def revoke_one(token: Token) -> None:
    _revoke(Token.id == token.id)


def revoke_family(family_id: str) -> None:
    """RFC 9700 §4.14.2 and RFC 7009 §2.1: every token of one authorization."""
    _revoke(Token.family_id == family_id)


def clients_of_sessions(sids: list[str]) -> list[tuple[str, str]]:
    """(sid, client_id) of every client that got tokens in one of these sign-in sessions:
    the clients with a session there (Back-Channel Logout 1.0 §2.7), revoked tokens too."""
    if not sids:
        return []
    rows = db.session.execute(select(Token.sid, Token.client_id).where(Token.sid.in_(sids)).distinct())
    return [(sid, client_id) for sid, client_id in rows if sid is not None]


def revoke_from_code(code_id: int) -> None:
    """RFC 6749 §4.1.2: what a reused authorization code issued."""
    _revoke(Token.code_id == code_id)


def revoke_for_sessions(sids: list[str]) -> None:
    """Tokens follow the sign-in session they were issued in."""
    _revoke(Token.sid.in_(sids))


def revoke_for_citizen(citizen_id: str, except_sid: str | None = None) -> None:
    """Every token of the citizen, whichever session it came from (ended, timed out or
    purged ones too), except those issued in the session `except_sid`."""
    conditions = [Token.citizen_id == citizen_id]
    if except_sid is not None:
        # A token without a session is not that session's: NULL != x is not true in SQL.
        conditions.append(or_(Token.sid.is_(None), Token.sid != except_sid))
    _revoke(*conditions)


def revoke_for_client(client_id: str, citizen_id: str | None = None) -> None:
    """A service's tokens: all of them (client disabled), or one citizen's (consent withdrawn)."""
    conditions = [Token.client_id == client_id]
    if citizen_id is not None:
        conditions.append(Token.citizen_id == citizen_id)
    _revoke(*conditions)
