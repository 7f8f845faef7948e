"""The sessions JAKI ID ended (Back-Channel Logout 1.0), in this service's own database.

A sign-in lives in the citizen's cookie, which the provider's logout request does
not carry; so the ended sessions are listed here, and every page checks the
sign-in in the cookie against the list (`signin.current_sign_in`). The `jti` of
each logout token is the key, so a replayed token is refused (§2.6 step 10).
"""

import sqlalchemy as sa
from flask import current_app


class AlreadyUsed(ValueError):
    pass


def ended_sessions_table(metadata: sa.MetaData) -> sa.Table:
    """This service's record of ended sessions (and of the `jti`s seen), in its own database."""
    if "jaki_ended_sessions" in metadata.tables:
        return metadata.tables["jaki_ended_sessions"]
    return sa.Table(
        "jaki_ended_sessions",
        metadata,
        sa.Column("jti", sa.String(255), primary_key=True),
        sa.Column("sid", sa.String(255), index=True),
        sa.Column("sub", sa.String(255), index=True),
        sa.Column("iat", sa.Integer, nullable=False),
    )


def _table():
    return current_app.extensions["jaki_ended_sessions"]


def _engine():
    return current_app.extensions["sqlalchemy"].engine


def remember_ended(claims: dict) -> None:
    """Record the ended session; a `jti` seen before is a replay (§2.6 step 10)."""
    row = {"jti": claims["jti"], "sid": claims.get("sid"), "sub": claims.get("sub"), "iat": int(claims["iat"])}
    try:
        with _engine().begin() as connection:
            connection.execute(_table().insert().values(**row))
    except sa.exc.IntegrityError:
        raise AlreadyUsed("this logout token was already used") from None


def has_ended(id_token_claims: dict) -> bool:
    """Whether JAKI ID ended the session this sign-in came from: by its `sid`, or, for a
    token naming only `sub`, every sign-in of that citizen issued before the token."""
    table = _table()
    sid, sub = id_token_claims.get("sid"), id_token_claims.get("sub")
    conditions = [sa.and_(table.c.sid.is_(None), table.c.sub == sub, table.c.iat >= id_token_claims.get("iat", 0))]
    if sid:
        conditions.append(table.c.sid == sid)
    with _engine().connect() as connection:
        return connection.execute(sa.select(table.c.jti).where(sa.or_(*conditions)).limit(1)).first() is not None
