"""Engine settings a database URL cannot carry.

SQLite, the single-machine default: write-ahead logging (WAL), so readers do not
wait for the writer and several gunicorn workers can share the file; and a busy
timeout, so a writer waits for another's commit instead of failing at once.
PostgreSQL's pool is sized in config.engine_options.
"""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from idp.extensions import db

SQLITE_BUSY_TIMEOUT_MS = 5000


def configure_engine(app: Flask) -> None:
    with app.app_context():
        engine: Engine = db.engine
    if engine.dialect.name == "sqlite":
        in_memory = engine.url.database in (None, "", ":memory:")
        event.listen(engine, "connect", _sqlite_wal if not in_memory else _sqlite_busy_timeout)


def _sqlite_busy_timeout(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_wal(dbapi_connection, record) -> None:
    _sqlite_busy_timeout(dbapi_connection, record)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")  # kept in the file: later connections find it set
    cursor.close()
