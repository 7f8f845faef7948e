"""Finding 13: the database or Redis out of reach is a 503 with Retry-After (RFC 9110 §15.6.4).

JSON (`temporarily_unavailable`) at the endpoints programs call, a page for a
person elsewhere; and it never fails open: no code is sent, nobody is signed in,
no client assertion is accepted without its replay check.
"""

import pytest
from limits.storage import RedisStorage
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import func, select

from idp import create_app
from idp.extensions import db, limiter
from idp.models import BrowserSession
from idp.web.errors import JSON_ENDPOINTS
from tests.conftest import AuthRequest, BrowserClient, Config, latest_sms, post_form
from tests.oidc.flows import PHONE

NOWHERE = "127.0.0.1:1"  # nothing listens there: connections are refused at once


@pytest.fixture
def redis_down(monkeypatch):
    """The rate-limit storage (limits, the jti replay cache, OTP counters) refuses connections."""
    storage = RedisStorage(f"redis://{NOWHERE}/0")
    monkeypatch.setattr(limiter, "_storage", storage)
    monkeypatch.setattr(limiter, "_limiter", MovingWindowRateLimiter(storage))


@pytest.fixture
def database_down():
    """The provider pointed at a database that refuses connections."""

    class Unreachable(Config):
        SQLALCHEMY_DATABASE_URI = f"postgresql://postgres@{NOWHERE}/jaki"
        SQLALCHEMY_ENGINE_OPTIONS = {"connect_args": {"connect_timeout": 2}}

    app = create_app(Unreachable)
    app.test_client_class = BrowserClient
    return app.test_client()


def assert_unavailable_page(response):
    assert response.status_code == 503, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/html"
    assert int(response.headers["Retry-After"]) > 0


def assert_unavailable_json(response):
    assert response.status_code == 503, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    assert response.get_json()["error"] == "temporarily_unavailable"
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Cache-Control"] == "no-store"


# --- Redis ------------------------------------------------------------------------------


def test_finding_13_redis_down_asking_for_a_code_is_a_503_page_and_sends_nothing(http, redis_down):
    assert_unavailable_page(post_form(http, "/signin", {"phone": PHONE}))
    assert http.get("/_dev/outbox").get_json() == []


def test_finding_13_redis_down_the_code_that_came_back_signs_nobody_in(http, monkeypatch):
    post_form(http, "/signin", {"phone": PHONE})
    code = latest_sms(http)["code"]
    storage = RedisStorage(f"redis://{NOWHERE}/0")
    monkeypatch.setattr(limiter, "_storage", storage)
    monkeypatch.setattr(limiter, "_limiter", MovingWindowRateLimiter(storage))
    assert_unavailable_page(post_form(http, "/signin/code", {"code": code}))
    assert db.session.scalar(select(func.count()).select_from(BrowserSession)) == 0


def test_finding_13_redis_down_a_client_assertion_is_not_accepted_without_its_replay_check(
    http, make_client, redis_down
):
    from joserfc.jwk import RSAKey

    from tests.oidc.test_private_key_jwt import assertion, present

    key = RSAKey.generate_key(2048, auto_kid=True)
    client = make_client(auth_method="private_key_jwt", jwks={"keys": [key.as_dict(private=False)]})
    assert_unavailable_json(present(http, assertion(key, client.client_id)))


def test_finding_13_redis_down_authorize_is_a_503_page(http, make_client, redis_down):
    assert_unavailable_page(AuthRequest(make_client()).start(http))


# --- The database -----------------------------------------------------------------------


def test_finding_13_database_down_token_endpoint_answers_503_json(database_down):
    response = database_down.post(
        "/token", data={"grant_type": "authorization_code", "code": "x"}, auth=("permits", "secret")
    )
    assert_unavailable_json(response)


@pytest.mark.parametrize("endpoint", ["/revoke", "/introspect"])
def test_finding_13_database_down_revoke_and_introspect_answer_503_json(database_down, endpoint):
    assert_unavailable_json(database_down.post(endpoint, data={"token": "x"}, auth=("permits", "secret")))


def test_finding_13_database_down_userinfo_answers_503_json(database_down):
    assert_unavailable_json(database_down.get("/userinfo", headers={"Authorization": "Bearer x"}))


def test_finding_13_database_down_jwks_answers_503_json(database_down):
    assert_unavailable_json(database_down.get("/jwks.json"))


def test_finding_13_database_down_authorize_is_a_503_page(database_down):
    response = database_down.get("/authorize", query_string={"client_id": "permits", "response_type": "code"})
    assert_unavailable_page(response)


def test_finding_13_database_down_asking_for_a_code_is_a_503_page(database_down):
    assert_unavailable_page(post_form(database_down, "/signin", {"phone": PHONE}))


def test_finding_13_database_down_the_account_is_a_503_page(database_down):
    assert_unavailable_page(database_down.get("/account/"))


def test_finding_13_json_endpoints_name_real_endpoints(app):
    assert JSON_ENDPOINTS <= set(app.view_functions)
