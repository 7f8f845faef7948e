"""Extension singletons, bound to the app in create_app()."""

from typing import TYPE_CHECKING, cast

from authlib.integrations.flask_oauth2 import AuthorizationServer
from flask_babel import Babel
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Column, CursorResult, Table, bindparam, update
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.sql.dml import UpdateBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
# The models' base class. db.Model is built at runtime from Base (same registry
# and metadata) plus Flask-SQLAlchemy's mixins, so type checkers cannot see it
# as a class; to them it is Base, whose mapping API it has.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model
migrate = Migrate()
babel = Babel()


def _client_address_key() -> str:
    """Flask-Limiter's own key, were it to count: per client, as every per-IP counter does."""
    from idp.web.ratelimit import client_address_key  # it counts in `limiter`, defined here

    return client_address_key()


# Storage from RATELIMIT_STORAGE_URI: memory:// in development, Redis in production.
limiter = Limiter(key_func=_client_address_key, strategy="moving-window")
# Grants and endpoints are registered in idp.oauth_server.init_oauth().
authorization = AuthorizationServer()


def table(model) -> Table:
    """The model's table, for the statements on the token and authorization paths that skip
    the ORM: its handling of an INSERT or UPDATE (matching columns to attributes, checking
    loaded rows) cost more than the database's work there (docs/performance.md)."""
    return cast(Table, model.__table__)


def rows_changed(statement: UpdateBase, params: dict | None = None) -> int:
    """Run an UPDATE or DELETE in the current transaction; the number of rows it matched.

    The compare-and-set updates count on this: one statement, so of two
    concurrent requests only one matches the row. Session.execute is typed as
    returning a Result; for these statements it is a CursorResult.
    """
    return cast(CursorResult, db.session.execute(statement, params)).rowcount


class HoldWhileUnset:
    """Called with a value of the `key` column, in the current transaction: True if the
    row with that value still has `unset` unset (a code not reused, a session not ended),
    and then that row stays locked until the transaction ends.

    An UPDATE that changes nothing, not a SELECT, because it takes the row's write lock
    on every database (a SELECT takes none on SQLite): whoever sets `unset` either did
    so before, and nothing matches, or waits for our commit and then sees what we wrote.
    It writes what is there, so no row loaded in the session needs updating. Built once,
    on the table: it runs on every token request.
    """

    def __init__(self, unset: Column, *, key: Column):
        self._statement = (
            update(key.table).where(key == bindparam("held_key"), unset.is_(None)).values({unset.name: None})
        )

    def __call__(self, key) -> bool:
        return bool(rows_changed(self._statement, {"held_key": key}))


def commit_keeping_loaded() -> None:
    """Commit, keeping the rows loaded as they are instead of expiring them: for a request
    that after its commit only reads what it read or wrote itself (the token endpoint
    signs the ID token with the client it authenticated), so no row is selected again."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True
