"""Finding 15: pages with a person's own data are never kept in a cache (RFC 9111 §5.2.2.5).

The phone number, the authenticator's secret and QR code, the services and devices
on the account: a shared computer's back button or disk cache must not show them.
"""

import pytest

from tests.conftest import AuthRequest, latest_sms, post_form, sign_in
from tests.oidc.flows import PHONE


def assert_no_store(response):
    assert response.headers.get("Cache-Control") == "no-store", (response.status_code, response.headers)


@pytest.mark.parametrize(
    "url",
    ["/account/", "/account/profile", "/account/2fa", "/account/2fa/setup", "/account/sessions",
     "/account/services", "/account/phone", "/account/data", "/account/data.json"],
)  # fmt: skip
def test_finding_15_account_pages_are_no_store(http, url):
    sign_in(http, PHONE)
    response = http.get(url)
    assert response.status_code == 200
    assert_no_store(response)


def test_finding_15_the_sign_in_pages_are_no_store(http):
    assert_no_store(http.get("/signin"))
    response = post_form(http, "/signin", {"phone": PHONE})
    assert_no_store(response)
    assert_no_store(http.get(response.location))  # the code page: the masked number


def test_finding_15_a_refused_form_is_no_store(http):
    assert_no_store(post_form(http, "/signin", {"phone": "not a number"}))


def test_finding_15_the_consent_page_is_no_store(http, make_client):
    response = AuthRequest(make_client()).start(http)
    response = http.get(sign_in(http, PHONE, response.location).location)
    assert "/consent" in response.location
    consent = http.get(response.location)
    assert consent.status_code == 200
    assert_no_store(consent)


def test_finding_15_the_profile_step_is_no_store(http, make_client):
    response = AuthRequest(make_client()).start(http)
    post_form(http, response.location, {"phone": PHONE})
    response = post_form(http, response.location.replace("/signin", "/signin/code"), {"code": latest_sms(http)["code"]})
    assert "/signin/profile" in response.location
    assert_no_store(http.get(response.location))


def test_finding_15_the_front_page_with_the_phone_number_is_no_store(http):
    sign_in(http, PHONE)
    response = http.get("/")
    assert "+6281234567890" in response.get_data(as_text=True)
    assert_no_store(response)
