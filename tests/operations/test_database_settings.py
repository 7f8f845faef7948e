"""PostgreSQL through psycopg 3 with a sized pool; SQLite in WAL mode; ProxyFix's hops."""

import logging

from sqlalchemy import text

from config import database_url, engine_options
from idp import create_app
from idp.extensions import db
from tests.conftest import Config


def test_postgresql_urls_use_psycopg_3():
    assert database_url("postgresql://u@db/jaki") == "postgresql+psycopg://u@db/jaki"
    assert database_url("postgres://u@db/jaki") == "postgresql+psycopg://u@db/jaki"
    assert database_url("sqlite:///jaki.db") == "sqlite:///jaki.db"


def test_the_postgresql_pool_is_sized_and_not_pinged_on_every_checkout():
    # Only a connection left idle is checked (tests/operations/test_idle_connections.py).
    options = engine_options("postgresql+psycopg://db/jaki", 8, 4, 5, 1800)
    assert options["pool_size"] == 8 and options["max_overflow"] == 4
    assert options["pool_timeout"] == 5 and options["pool_recycle"] == 1800
    assert "pool_pre_ping" not in options and options["hide_parameters"]
    assert options["connect_args"]["connect_timeout"] == 5


def test_an_app_on_postgresql_gets_that_pool(monkeypatch):
    class OnPostgres(Config):
        SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://postgres@127.0.0.1:1/jaki"
        SQLALCHEMY_ENGINE_OPTIONS = engine_options(SQLALCHEMY_DATABASE_URI, 7, 3, 2, 600)

    app = create_app(OnPostgres)
    with app.app_context():
        assert db.engine.dialect.driver == "psycopg"
        assert db.engine.pool.size() == 7


def test_a_sqlite_file_runs_in_wal_mode(tmp_path):
    class OnSqliteFile(Config):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'jaki.db'}"
        SQLALCHEMY_ENGINE_OPTIONS = engine_options(SQLALCHEMY_DATABASE_URI, 8, 4, 5, 1800)

    app = create_app(OnSqliteFile)
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        db.session.remove()


def test_behind_the_load_balancer_the_citizens_address_and_https_are_seen(caplog):
    class BehindTwoProxies(Config):
        PROXY_FIX_X_FOR = 2
        PROXY_FIX_X_PROTO = 1

    app = create_app(BehindTwoProxies)
    headers = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9, 10.0.0.2", "X-Forwarded-Proto": "https"}
    with caplog.at_level(logging.INFO, logger="idp.access"):
        app.test_client().get("/healthz", headers=headers, environ_base={"REMOTE_ADDR": "10.0.0.3"})
    # Two hops trusted: the address the outer load balancer saw, not one the client wrote.
    assert caplog.records[-1].remote_addr == "203.0.113.9"
    assert caplog.records[-1].scheme == "https"


def test_without_proxies_forwarded_headers_are_ignored(caplog, app):
    with caplog.at_level(logging.INFO, logger="idp.access"):
        app.test_client().get("/healthz", headers={"X-Forwarded-For": "198.51.100.7"})
    assert caplog.records[-1].remote_addr == "127.0.0.1"
