"""Faults: a database that fails mid-request leaves nothing half-written; one that goes
away makes every request a 503 and, when it is back, serves again without a restart.
Redis out of reach: no SMS is sent, and what needs no counter keeps working."""

import pytest
import sqlalchemy.exc
from sqlalchemy import func, select

from idp import create_app
from idp.extensions import db
from idp.models import AuthorizationCode, Token
from idp.services import tokens as token_store
from tests.conftest import AuthRequest, BrowserClient, Config
from tests.oidc.flows import full_flow, refresh, userinfo
from tests.operations.tcp_proxy import Proxy


def connection_lost(*_args, **_kwargs):
    raise sqlalchemy.exc.OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))


def assert_unavailable_json(response):
    assert response.status_code == 503, response.get_data(as_text=True)[:300]
    assert response.get_json()["error"] == "temporarily_unavailable"


def count(model, *conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*conditions))


# --- Nothing half-written ----------------------------------------------------------------


def test_a_database_failure_while_saving_tokens_leaves_the_code_unused(http, make_client, monkeypatch):
    auth = AuthRequest(make_client())
    code = full_flow(http, auth)["code"]
    monkeypatch.setattr(token_store, "save", connection_lost)
    assert_unavailable_json(auth.token_request(http, code))
    monkeypatch.undo()

    assert count(AuthorizationCode, AuthorizationCode.used_at.is_not(None)) == 0
    assert count(Token) == 0
    assert auth.token_request(http, code).status_code == 200  # the client's retry works


def test_a_database_failure_while_rotating_leaves_the_refresh_token_as_it_was(http, make_client, monkeypatch):
    client = make_client()
    auth = AuthRequest(client)
    tokens = auth.token_request(http, full_flow(http, auth)["code"]).get_json()
    monkeypatch.setattr(token_store, "rotate_refresh_token", connection_lost)
    assert_unavailable_json(refresh(http, client, tokens["refresh_token"]))
    monkeypatch.undo()

    assert count(Token) == 1  # no new pair was kept
    assert refresh(http, client, tokens["refresh_token"]).status_code == 200


# --- The database goes away and comes back ------------------------------------------------


@pytest.fixture
def through_proxy(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): the tests' SQLite is in memory, with nothing to cut")
    url = db.engine.url
    proxy = Proxy(url.host or "127.0.0.1", url.port or 5432)

    class ThroughProxy(Config):
        SQLALCHEMY_DATABASE_URI = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        # As in production: no ping on a connection in steady use (idp/operations/database.py).
        SQLALCHEMY_ENGINE_OPTIONS = {"connect_args": {"connect_timeout": 2}}

    proxied = create_app(ThroughProxy)
    proxied.test_client_class = BrowserClient
    yield proxied.test_client(), proxy
    proxy.close()
    with proxied.app_context():
        db.engine.dispose()


def test_the_database_going_away_is_a_503_and_its_return_needs_no_restart(through_proxy):
    http, proxy = through_proxy
    assert http.get("/readyz").status_code == 200
    proxy.cut()
    assert http.get("/readyz").status_code == 503
    assert_unavailable_json(userinfo(http, "an-access-token"))
    proxy.restore()
    assert userinfo(http, "an-access-token").status_code == 401  # served again: the token is unknown
    assert http.get("/readyz").status_code == 200


def test_the_jwks_is_served_from_the_worker_copy_while_the_database_is_away(through_proxy):
    # Relying parties verifying ID tokens keep working; a due copy needs the database.
    http, proxy = through_proxy
    published = http.get("/jwks.json").get_json()
    proxy.cut()
    assert http.get("/jwks.json").get_json() == published


# --- Redis out of reach -----------------------------------------------------------------


def test_redis_down_codes_already_issued_are_redeemed_and_tokens_refresh_and_serve(http, make_client, request):
    client = make_client()
    auth = AuthRequest(client)
    code = full_flow(http, auth)["code"]
    request.getfixturevalue("redis_down")

    tokens = auth.token_request(http, code).get_json()
    assert "access_token" in tokens, tokens
    assert userinfo(http, tokens["access_token"]).status_code == 200
    assert refresh(http, client, tokens["refresh_token"]).status_code == 200
    introspected = http.post(
        "/introspect", data={"token": tokens["access_token"]}, auth=(client.client_id, client.secret)
    )
    assert introspected.get_json()["active"] is True


def test_redis_down_a_signed_in_citizen_still_signs_in_to_a_service(http, make_client, request):
    client = make_client()
    full_flow(http, AuthRequest(client))  # signed in, consent given
    request.getfixturevalue("redis_down")

    auth = AuthRequest(client)
    result = auth.result(auth.follow_to_client(http, auth.start(http)))
    assert auth.token_request(http, result["code"]).status_code == 200


def test_redis_down_a_browser_without_a_session_cannot_start_a_sign_in(http, make_client, redis_down):
    assert AuthRequest(make_client()).start(http).status_code == 503
