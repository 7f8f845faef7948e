"""Signing in at an agency service: the authorization request and the callback checks."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.clients.signin_helpers import received_claims, sign_in, through_jaki


@pytest.fixture
def app(make_app):
    return make_app("permits")


@pytest.fixture
def http(app):
    return app.test_client()


def authorization_request(http, path="/login"):
    response = http.get(path)
    assert response.status_code == 302
    return response.headers["Location"], parse_qs(urlsplit(response.headers["Location"]).query)


def test_authorization_request_uses_code_flow_with_pkce_state_and_nonce(http, jaki):
    url, params = authorization_request(http)

    assert url.startswith(f"{jaki.issuer}/authorize?")
    assert params["response_type"] == ["code"]
    assert params["redirect_uri"] == ["http://localhost/auth/callback"]
    assert params["code_challenge_method"] == ["S256"]
    assert len(params["code_challenge"][0]) == 43
    assert len(params["state"][0]) >= 20
    assert len(params["nonce"][0]) >= 20


def test_requests_only_the_scopes_the_provider_supports(http):
    _, params = authorization_request(http)

    assert params["scope"] == ["openid profile phone"]


def test_requests_address_once_the_provider_offers_it(make_app, jaki):
    jaki.behaviour.scopes_supported = ["openid", "profile", "phone", "address"]
    http = make_app("permits").test_client()

    _, params = authorization_request(http)

    assert params["scope"] == ["openid profile phone address"]


def test_each_sign_in_gets_fresh_state_nonce_and_verifier(http):
    _, first = authorization_request(http)
    _, second = authorization_request(http)

    for name in ("state", "nonce", "code_challenge"):
        assert first[name] != second[name]


def test_sign_in_returns_to_the_page_that_asked_for_it(http):
    response = sign_in(http, "/login?next=/applications/new")

    assert response.status_code == 302
    assert response.headers["Location"] == "/applications/new"


def test_protected_page_sends_the_citizen_to_sign_in_and_back(http):
    response = http.get("/applications/new")
    assert response.headers["Location"] == "/login?next=/applications/new"

    assert sign_in(http, response.headers["Location"]).headers["Location"] == "/applications/new"


@pytest.mark.parametrize("next_path", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_sign_in_never_redirects_off_the_service(http, next_path):
    response = sign_in(http, f"/login?next={next_path}")

    assert response.headers["Location"] == "/"


def test_signed_in_page_shows_the_claims_received(http, jaki):
    sign_in(http)

    page = http.get("/").get_data(as_text=True)

    assert received_claims(page) == {
        "sub": jaki.pairwise_sub(jaki.clients[http.application.config["JAKI_CLIENT_ID"]]),
        "name": "Budi Santoso",
        "birthdate": "1985-04-12",
        "phone_number": "+6281234567890",
        "phone_number_verified": "true",
    }
    assert received_claims(page, "id-token-claims")["acr"] == "urn:jaki:loa:1"
    assert 'id="granted-scope">openid profile phone<' in page


def test_denied_consent_shows_the_error_page_and_signs_nobody_in(http, jaki):
    jaki.behaviour.deny_consent = True

    response = sign_in(http)

    assert response.status_code == 403
    page = response.get_data(as_text=True)
    assert "Izin tidak diberikan" in page
    assert 'id="error-code">access_denied<' in page
    assert "Masuk sebagai" not in http.get("/").get_data(as_text=True)


def test_error_page_offers_a_fresh_sign_in_not_a_return_to_the_callback(http, jaki):
    jaki.behaviour.deny_consent = True

    page = sign_in(http).get_data(as_text=True)

    assert 'href="/login">Masuk dengan JAKI' in page
    assert "next=/auth" not in page


def test_callback_from_another_browser_is_refused(http, make_app):
    url, _ = authorization_request(http)
    other_browser = http.application.test_client()

    response = through_jaki(other_browser, url)

    assert response.status_code == 400
    assert 'id="error-code">unknown_state<' in response.get_data(as_text=True)


def test_callback_cannot_be_replayed(http):
    url, _ = authorization_request(http)
    answer = requests.get(url, allow_redirects=False, timeout=10)
    callback = urlsplit(answer.headers["Location"])
    callback_path = f"{callback.path}?{callback.query}"

    assert http.get(callback_path).status_code == 302
    assert http.get(callback_path).status_code == 400


@pytest.mark.parametrize(
    "misbehaviour",
    [
        {"id_token_overrides": {"nonce": "another-nonce"}},
        {"id_token_overrides": {"aud": ["another-client"], "azp": "another-client"}},
        {"id_token_overrides": {"iss": "http://evil.example"}},
        {"id_token_overrides": {"exp": 1_000_000_000}},
        {"id_token_overrides": {"at_hash": "AAAAAAAAAAAAAAAAAAAAAA"}},
        {"sign_with_unknown_key": True},
    ],
    ids=["nonce", "aud", "iss", "expired", "at_hash", "signature"],
)
def test_id_token_that_fails_validation_is_refused(http, jaki, misbehaviour):
    for name, value in misbehaviour.items():
        setattr(jaki.behaviour, name, value)

    response = sign_in(http)

    assert response.status_code == 400
    assert 'id="error-code">invalid_id_token<' in response.get_data(as_text=True)
    assert "Masuk sebagai" not in http.get("/").get_data(as_text=True)


def test_authorization_response_from_another_issuer_is_refused(http, jaki):
    # RFC 9207: a mix-up attack shows as an `iss` that is not our provider's.
    jaki.behaviour.iss_parameter = "http://evil.example"

    response = sign_in(http)

    assert response.status_code == 400
    assert 'id="error-code">issuer_mismatch<' in response.get_data(as_text=True)


def test_userinfo_for_another_subject_is_refused(http, jaki):
    jaki.behaviour.userinfo_sub = "someone-else"

    response = sign_in(http)

    assert 'id="error-code">userinfo_sub_mismatch<' in response.get_data(as_text=True)


def test_userinfo_refusal_stops_the_sign_in(http, jaki):
    jaki.behaviour.userinfo_fails = True

    response = sign_in(http)

    assert 'id="error-code">provider_error<' in response.get_data(as_text=True)
    assert "Masuk sebagai" not in http.get("/").get_data(as_text=True)


def test_unreachable_provider_shows_an_error_page(make_app):
    app = make_app("permits", JAKI_ISSUER="http://127.0.0.1:9")

    response = app.test_client().get("/login")

    assert response.status_code == 502
    assert "JAKI ID tidak dapat dihubungi" in response.get_data(as_text=True)


def test_ui_locales_is_passed_when_configured(make_app):
    http = make_app("permits", JAKI_UI_LOCALES="en").test_client()

    _, params = authorization_request(http)

    assert params["ui_locales"] == ["en"]


def test_each_service_has_its_own_session_cookie(http):
    sign_in(http)

    assert http.get_cookie("permits_session") is not None
