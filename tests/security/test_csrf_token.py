"""Finding 9: a csrf_token that is not ASCII is a form that expired, not a 500.

hmac.compare_digest refuses a str with non-ASCII characters (TypeError); the
tokens are compared as UTF-8 bytes instead.
"""

import pytest

from tests.conftest import csrf_of, follow_shown_again, sign_in
from tests.oidc.flows import PHONE

NOT_ASCII = ["é", "１２３", "\u202e", "ÿ" * 43]


@pytest.fixture
def http(http):
    http.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return http


def assert_expired_form(response):
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "Go back, reload the page and try again." in response.get_data(as_text=True)


@pytest.mark.parametrize("token", NOT_ASCII)
def test_finding_9_a_non_ascii_csrf_token_on_the_phone_form_is_an_expired_form(http, token):
    http.get("/signin")
    assert_expired_form(follow_shown_again(http, http.post("/signin", data={"csrf_token": token, "phone": PHONE})))


@pytest.mark.parametrize("url", ["/account/profile", "/account/sessions/end-all", "/end_session/confirm"])
def test_finding_9_a_non_ascii_csrf_token_is_an_expired_form_on_every_form(http, url):
    sign_in(http, PHONE)
    http.get("/account/")
    assert_expired_form(http.post(url, data={"csrf_token": "é" + csrf_of(http)[1:]}))


def test_finding_9_a_non_ascii_csrf_token_on_the_staff_sign_in_is_an_expired_form(http):
    http.get("/staff/signin")
    response = http.post("/staff/signin", data={"csrf_token": "é", "username": "ani", "password": "x"})
    assert_expired_form(follow_shown_again(http, response))
