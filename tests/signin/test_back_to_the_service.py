"""Issue 13: a signed-in citizen back at a sign-in that is over (its code issued, or too old)
goes back to the service, at the home page it registered (client_uri, OIDC Registration §2),
or without one to the account. Only the registered address is gone to, never one from the
request, and only for a sign-in this browser started (no open redirect)."""

from urllib.parse import urlsplit

from idp.extensions import db
from tests.conftest import AuthRequest, consent_allow, sign_in
from tests.signin.conftest import PHONE

HOME = "https://permits.example/"


def code_page_of(sign_in_page):
    return "/signin/code?" + urlsplit(sign_in_page).query


def signed_in_through(http, client):
    """Sign in at `client` and allow it; the code page and the consent page it went through."""
    sign_in_page = AuthRequest(client).start(http).location
    consent = http.get(sign_in(http, PHONE, sign_in_page).location)
    consent_page = consent.location
    consent_allow(http, consent)  # the code is issued: the sign-in is over
    return code_page_of(sign_in_page), consent_page


def test_back_to_the_code_page_after_signing_in_goes_to_the_services_home_page(http, make_client):
    code_page, _consent_page = signed_in_through(http, make_client(client_uri=HOME))
    back = http.get(code_page)
    assert back.status_code == 303 and back.location == HOME


def test_back_to_the_consent_page_after_allowing_goes_to_the_services_home_page(http, make_client):
    _code_page, consent_page = signed_in_through(http, make_client(client_uri=HOME))
    back = http.get(consent_page)
    assert back.status_code == 303 and back.location == HOME


def test_a_sign_in_too_old_goes_to_the_services_home_page_once_signed_in(http, make_client, app, clock):
    sign_in_page = AuthRequest(make_client(client_uri=HOME)).start(http).location
    sign_in(http, PHONE)  # at JAKI ID itself, in the same browser
    clock.advance(app.config["INTERACTION_TTL_SECONDS"] + 1)
    back = http.get(code_page_of(sign_in_page))
    assert back.status_code == 303 and back.location == HOME


def test_a_service_without_a_home_page_sends_back_to_the_account(http, make_client):
    code_page, _consent_page = signed_in_through(http, make_client())
    assert http.get(code_page).location == "/account/"


def test_an_address_in_the_request_is_never_gone_to(http, make_client):
    code_page, _consent_page = signed_in_through(http, make_client(client_uri=HOME))
    steered = f"{code_page}&client_uri=https://evil.example/&next=https://evil.example/&return_to=https://evil.example/"
    assert http.get(steered).location == HOME


def test_a_sign_in_this_browser_did_not_start_names_no_service(http, make_client):
    signed_in_through(http, make_client(client_uri=HOME))
    other = make_client(name="Pajak Daerah", client_uri="https://tax.example/")
    someone_elses = "/signin/code?interaction=" + "x" * 43  # not in this browser's record
    assert http.get(someone_elses).location == "/account/"
    assert other.client_uri not in (http.get(someone_elses).location or "")


def test_a_disabled_service_is_not_gone_back_to(http, make_client):
    client = make_client(client_uri=HOME)
    code_page, _consent_page = signed_in_through(http, client)
    client.disabled = True
    db.session.commit()
    assert http.get(code_page).location == "/account/"
