"""Finding 14: /authorize stores a row before anyone signs in, so it is limited per client
address (an IPv6 /64 counting as one), and the rarely long parameters are capped tightly.
"""

import pytest
from sqlalchemy import func, select

from idp.extensions import db
from idp.models import Interaction
from idp.protocol.authorization_request import MAX_PARAMETER_LENGTH
from idp.protocol.keys import SUPPORTED_ALGS
from tests.conftest import AuthRequest
from tests.oidc.flows import tokens_for

LIMIT = 3


@pytest.fixture(autouse=True)
def small_limit(app, monkeypatch):
    monkeypatch.setitem(app.config, "AUTHORIZE_PER_IP_LIMIT", f"{LIMIT} per 10 minutes")


@pytest.fixture
def client(make_client):
    return make_client()


def start(app, client, ip="198.51.100.7"):
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = ip
    return AuthRequest(client).start(browser)


def interaction_rows() -> int:
    return db.session.scalar(select(func.count()).select_from(Interaction))


def test_finding_14_one_address_starts_only_so_many_sign_ins(app, client):
    for _ in range(LIMIT):
        assert "/signin" in start(app, client).location
    response = start(app, client)
    assert response.status_code == 429
    assert response.mimetype == "text/html" and "Location" not in response.headers
    assert int(response.headers["Retry-After"]) > 0
    assert interaction_rows() == LIMIT


def test_finding_14_another_address_is_not_held_back(app, client):
    for _ in range(LIMIT + 1):
        start(app, client)
    assert "/signin" in start(app, client, ip="198.51.100.8").location


def test_finding_14_an_ipv6_64_counts_as_one_address(app, client):
    for host in range(1, LIMIT + 1):
        start(app, client, ip=f"2001:db8:1:2::{host}")
    assert start(app, client, ip="2001:db8:1:2:ffff::1").status_code == 429


def test_finding_14_the_window_moves_on(app, client, clock):
    for _ in range(LIMIT + 1):
        start(app, client)
    clock.advance(10 * 60 + 1)
    assert "/signin" in start(app, client).location


def test_finding_14_a_refused_request_is_not_counted(app, client):
    browser = app.test_client()
    for _ in range(LIMIT + 1):
        AuthRequest(client, response_type="token").start(browser)
    assert "/signin" in AuthRequest(client).start(browser).location


@pytest.mark.parametrize(
    "name, value",
    [
        ("login_hint", "0" * 65),
        ("ui_locales", "id " * 22),
        ("claims_locales", "en " * 22),
        ("acr_values", "urn:jaki:loa:1 " * 9),
        ("id_token_hint", "e" * 2049),
    ],
)
def test_finding_14_rarely_long_parameters_have_tight_caps(http, client, name, value):
    auth = AuthRequest(client, **{name: value})
    result = auth.result(auth.start(http))
    assert result["error"] == "invalid_request"
    assert result["error_description"] == f"Parameter '{name}' is too long."
    assert interaction_rows() == 0


@pytest.mark.parametrize("alg", SUPPORTED_ALGS)
def test_finding_14_our_largest_id_token_fits_the_id_token_hint_cap(http, make_client, alg):
    client = make_client(id_token_alg=alg)
    tokens = tokens_for(http, AuthRequest(client, nonce="n" * MAX_PARAMETER_LENGTH["nonce"]))
    assert len(tokens["id_token"]) <= MAX_PARAMETER_LENGTH["id_token_hint"] - 256  # room for a few more claims
    hint = AuthRequest(client, prompt="none", id_token_hint=tokens["id_token"])
    assert "code" in hint.result(hint.start(http))


def test_finding_14_signed_out_visits_to_the_account_are_limited_too(app):
    for _ in range(LIMIT):
        assert "/signin" in app.test_client().get("/account/").location  # no cookies: a new row each
    response = app.test_client().get("/account/")
    assert response.status_code == 429
    assert interaction_rows() == LIMIT
