"""Pooled PostgreSQL connections (idp/operations/database.py): one in steady use goes to
the next request without a ping; one left idle is pinged first, and one the database cut
meanwhile is replaced, never handed to a request."""

import psycopg
import pytest

from idp.extensions import db
from idp.operations import database
from tests.oidc.flows import userinfo

pytestmark = pytest.mark.usefixtures("on_postgresql")


@pytest.fixture
def on_postgresql():
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): SQLite files are not cut by a server")


@pytest.fixture
def pings(monkeypatch):
    seen = []
    dialect = db.engine.dialect
    original = dialect.do_ping

    def counted(dbapi_connection):
        seen.append(dbapi_connection)
        return original(dbapi_connection)

    monkeypatch.setattr(dialect, "do_ping", counted)
    return seen


def served(http) -> bool:
    """A request that needs the database answered (an unknown token is a 401, not a 503)."""
    return userinfo(http, "an-unknown-access-token").status_code == 401


@pytest.fixture
def cut_every_other_connection():
    """What a database restart or a firewall does to the pool's idle connections. The pool
    is emptied afterwards: the next test's first statement would meet a cut connection, as a
    request in steady use does when the database goes away (a 503, then fresh connections)."""

    def cut():
        url = db.engine.url.set(drivername="postgresql")
        with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )

    yield cut
    db.session.remove()
    db.engine.dispose()


def test_a_connection_in_steady_use_goes_to_the_next_request_without_a_ping(http, pings):
    assert served(http)
    assert served(http)
    assert pings == []


def test_a_connection_left_idle_is_pinged_before_a_request_gets_it(http, pings, monkeypatch):
    assert served(http)
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 0)
    assert served(http)
    assert pings


def test_a_connection_cut_while_idle_is_replaced_not_handed_to_a_request(http, monkeypatch, cut_every_other_connection):
    assert served(http)
    cut_every_other_connection()
    monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 0)
    assert served(http)
