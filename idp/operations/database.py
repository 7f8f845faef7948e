"""Engine settings a database URL cannot carry.

SQLite, the single-machine default: write-ahead logging (WAL), so readers do not
wait for the writer and several gunicorn workers can share the file; and a busy
timeout, so a writer waits for another's commit instead of failing at once.
PostgreSQL's pool is sized in config.engine_options; a pooled connection left idle is
checked before a request gets it (_ping_if_idle), one in steady use is not.
"""

import time

from flask import Flask
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine

from idp.extensions import db

SQLITE_BUSY_TIMEOUT_MS = 5000
# A connection given back this recently is taken as alive without a ping, as HikariCP's
# aliveBypassWindowMs does: under load no request pays a round trip for the check (it was
# one statement in seven of a sign-in); one left idle longer, which a database restart or
# a firewall may have cut, is pinged before a request gets it. A connection that dies
# while in steady use fails its request (a 503) and the pool drops every connection
# opened before, so the next request gets a fresh one: no restart either way.
PING_AFTER_IDLE_SECONDS = 1.0
IDLE_SINCE = "idle_since"  # the pool's record of a connection: when it was given back


def configure_engine(app: Flask) -> None:
    with app.app_context():
        engine: Engine = db.engine
    if engine.dialect.name == "sqlite":
        in_memory = engine.url.database in (None, "", ":memory:")
        event.listen(engine, "connect", _sqlite_wal if not in_memory else _sqlite_busy_timeout)
    else:
        event.listen(engine, "checkin", _note_idle_since)
        event.listen(engine, "checkout", _ping_if_idle(engine.dialect))


def _note_idle_since(_dbapi_connection, record) -> None:
    if record is not None:
        record.info[IDLE_SINCE] = time.monotonic()


def _ping_if_idle(dialect):
    def ping_if_idle(dbapi_connection, record, _proxy) -> None:
        """Before a request gets a pooled connection: ping it if it sat idle (a new one has
        no mark and needs none); a dead one is replaced by the pool, not handed over."""
        idle_since = record.info.pop(IDLE_SINCE, None)
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                raise exc.DisconnectionError("a pooled connection was cut while idle") from error
            raise

    return ping_if_idle


def _sqlite_busy_timeout(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_wal(dbapi_connection, record) -> None:
    _sqlite_busy_timeout(dbapi_connection, record)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")  # kept in the file: later connections find it set
    cursor.close()
