"""Issue 13: the sign-in pages name the service the citizen came from, from the first
page on; its agency is registered apart and shown apart, never in nested parentheses."""

from urllib.parse import urlsplit

import pytest

from tests.conftest import AuthRequest, latest_sms, post_form, sign_in
from tests.signin.conftest import PHONE

EN = "&ui_locales=en"


@pytest.fixture
def tax(make_client):
    return make_client(name="Pajak Daerah", agency="Bapenda DKI Jakarta")


def signing_in_to(page: str) -> bool:
    return '<p class="service" id="signing-in-to">Signing in to <strong>Pajak Daerah</strong>' in page


def test_the_phone_page_names_the_service_and_its_agency(http, tax):
    page = http.get(AuthRequest(tax).start(http).location + EN).get_data(as_text=True)
    assert signing_in_to(page)
    assert '<span class="agency">Bapenda DKI Jakarta</span>' in page


def test_the_code_page_names_the_service(http, tax):
    sign_in_page = AuthRequest(tax).start(http).location
    code_page = post_form(http, sign_in_page + EN, {"phone": PHONE}).location
    assert signing_in_to(http.get(code_page + EN).get_data(as_text=True))


def test_the_profile_page_names_the_service(http, tax):
    sign_in_page = AuthRequest(tax).start(http).location
    profile = urlsplit(sign_in_page).query
    post_form(http, sign_in_page, {"phone": PHONE})
    post_form(http, f"/signin/code?{profile}", {"code": latest_sms(http)["code"]})
    assert signing_in_to(http.get(f"/signin/profile?{profile}{EN}").get_data(as_text=True))


def test_the_consent_page_names_the_agency_under_the_service(http, tax):
    consent = http.get(sign_in(http, PHONE, AuthRequest(tax).start(http).location).location).location
    page = http.get(consent + EN).get_data(as_text=True)
    assert "<h1>Share with Pajak Daerah?</h1>" in page
    assert '<p class="agency">Bapenda DKI Jakarta</p>' in page
    assert "((" not in page and "))" not in page


def test_a_sign_in_to_jaki_id_itself_names_no_service(http):
    assert 'id="signing-in-to"' not in http.get("/signin").get_data(as_text=True)


def test_the_sms_names_the_service_without_nested_parentheses(http, make_client):
    client = make_client(name="Pajak Daerah (Jakpenda)", agency="Bapenda DKI Jakarta")
    post_form(http, AuthRequest(client).start(http).location + EN, {"phone": PHONE})
    body = latest_sms(http)["body"]
    assert "is your JAKI ID (Pajak Daerah) code." in body
    assert "Bapenda" not in body


def test_clients_create_takes_the_agency_apart_from_the_name(app):
    import json

    result = app.test_cli_runner().invoke(
        args=[
            "clients",
            "create",
            "--name",
            "Pajak Daerah",
            "--agency",
            "Bapenda DKI Jakarta",
            "--redirect-uri",
            "https://pajak.jakarta.go.id/callback",
            "--scope",
            "openid",
            "--json",
        ]
    )
    registration = json.loads(result.output)
    assert (registration["client_name"], registration["agency"]) == ("Pajak Daerah", "Bapenda DKI Jakarta")
