"""Signing out of an agency service with RP-Initiated Logout 1.0."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.clients.signin_helpers import post_form, sign_in


@pytest.fixture
def http(make_app):
    return make_app("permits").test_client()


def sign_out(http):
    response = post_form(http, "/logout", {})
    assert response.status_code == 302
    return response.headers["Location"]


def test_sign_out_goes_to_the_end_session_endpoint_with_hint_and_state(http, jaki):
    sign_in(http)
    with http.session_transaction() as session:
        id_token = session["sign_in"]["id_token"]

    location = sign_out(http)

    assert location.startswith(f"{jaki.issuer}/logout?")
    params = parse_qs(urlsplit(location).query)
    assert params["id_token_hint"] == [id_token]
    assert params["post_logout_redirect_uri"] == ["http://localhost/signed-out"]
    assert params["state"]


def test_sign_out_forgets_the_citizen_at_once(http):
    sign_in(http)

    sign_out(http)

    page = http.get("/").get_data(as_text=True)
    assert "Masuk sebagai" not in page
    assert "Masuk dengan JAKI" in page
    assert http.get("/applications/new").headers["Location"].startswith("/login")


def test_coming_back_from_the_provider_confirms_the_sign_out(http):
    sign_in(http)
    answer = requests.get(sign_out(http), allow_redirects=False, timeout=10)
    back = urlsplit(answer.headers["Location"])

    page = http.get(f"{back.path}?{back.query}").get_data(as_text=True)

    assert "sesi JAKI ID Anda telah diakhiri" in page


def test_signed_out_page_without_our_state_does_not_claim_the_provider_session_ended(http):
    page = http.get("/signed-out?state=forged").get_data(as_text=True)

    assert "Sesi JAKI ID Anda mungkin masih aktif" in page


def test_sign_out_needs_the_form_token(http):
    sign_in(http)

    assert http.post("/logout").status_code == 400
    assert "Masuk sebagai" in http.get("/").get_data(as_text=True)
