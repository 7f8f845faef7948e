"""Finding 8: control characters (NUL first: PostgreSQL refuses it in text) in request
parameters are refused with a clear 400 before anything is written.

/authorize: a page until client and redirect_uri are trusted, then invalid_request
redirected to the client (RFC 6749 §4.1.2.1); the token, revocation and
introspection endpoints: invalid_request JSON (RFC 6749 §5.2); every page a person
submits: a readable 400 page.
"""

import base64
import json

import pytest
from sqlalchemy import func, select

from idp.extensions import db
from idp.models import AuthorizationCode, Citizen, Consent, Interaction
from tests.conftest import AuthRequest, csrf_of, follow_shown_again, post_form, sign_in
from tests.oidc.flows import PHONE, assert_oauth_error, full_flow
from tests.staff.conftest import enter_password

NUL = "\x00"


@pytest.fixture
def client(make_client):
    return make_client()


def interaction_rows() -> int:
    return db.session.scalar(select(func.count()).select_from(Interaction))


def assert_page_400(response):
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/html"
    assert "Location" not in response.headers


# --- /authorize ------------------------------------------------------------------------


def test_finding_8_client_id_with_nul_gets_a_page_rfc6749_4_1_2_1(http, make_client):
    response = AuthRequest(make_client(), client_id="permits" + NUL).start(http)
    assert_page_400(response)
    assert interaction_rows() == 0


def test_finding_8_redirect_uri_with_nul_gets_a_page_rfc6749_4_1_2_1(http, make_client):
    client = make_client()
    response = AuthRequest(client, redirect_uri="https://permits.example/callback" + NUL).start(http)
    assert_page_400(response)


@pytest.mark.parametrize(
    "name", ["state", "nonce", "scope", "login_hint", "ui_locales", "acr_values", "prompt", "code_challenge"]
)
def test_finding_8_other_parameters_with_nul_are_redirected_as_invalid_request(http, make_client, name):
    auth = AuthRequest(make_client())
    auth.params[name] = auth.params.get(name, "x") + NUL
    result = auth.result(auth.start(http))
    assert result["error"] == "invalid_request"
    assert name in result["error_description"]
    assert interaction_rows() == 0


def test_finding_8_a_nonce_with_nul_commits_no_consent_and_issues_no_code(http, make_client):
    auth = AuthRequest(make_client(), nonce="n" + NUL)
    result = full_flow(http, auth)
    assert result["error"] == "invalid_request"
    assert db.session.scalar(select(func.count()).select_from(Consent)) == 0
    assert db.session.scalar(select(func.count()).select_from(AuthorizationCode)) == 0


@pytest.mark.parametrize("character", ["\t", "\n", "\r", "\x1b", "\x7f", "\x85"])
def test_finding_8_other_control_characters_are_refused_too(http, make_client, character):
    auth = AuthRequest(make_client(), state="abc" + character)
    assert auth.result(auth.start(http))["error"] == "invalid_request"


def test_finding_8_authorize_post_with_nul_is_refused_like_get(http, make_client):
    auth = AuthRequest(make_client(), nonce="n" + NUL)
    response = http.post("/authorize", data=auth.params)
    response = http.get(response.location)
    assert auth.result(response)["error"] == "invalid_request"


def test_finding_8_resume_with_nul_in_interaction_gets_a_page(http):
    assert_page_400(http.get("/authorize/resume", query_string={"interaction": NUL}))


# --- The pages a person submits ---------------------------------------------------------


def test_finding_8_sign_in_page_with_nul_in_interaction_gets_a_page(http):
    assert_page_400(http.get("/signin", query_string={"interaction": "abc" + NUL}))


def test_finding_8_code_page_with_nul_in_interaction_gets_a_page(http):
    assert_page_400(http.get("/signin/code", query_string={"interaction": NUL}))


def test_finding_8_phone_with_nul_sends_no_code(http):
    response = post_form(http, "/signin", {"phone": "0812345678" + NUL})
    assert_page_400(response)
    assert http.get("/_dev/outbox").get_json() == []


def test_finding_8_profile_name_with_nul_is_refused_and_not_saved(http, make_client):
    start = AuthRequest(make_client()).start(http)
    response = sign_in(http, "081234567891", start.location, profile=("Budi" + NUL, "1985-02-03"))
    assert_page_400(response)
    assert db.session.scalar(select(Citizen.name)) is None


def test_finding_8_account_profile_name_with_nul_keeps_the_old_name(http):
    sign_in(http, PHONE)
    response = post_form(http, "/account/profile", {"name": "Budi" + NUL, "birthdate": "1986-03-04"})
    assert_page_400(response)
    assert db.session.scalar(select(Citizen.name)) == "Budi Santoso"


def test_finding_8_staff_username_with_nul_gets_a_page(http):
    assert_page_400(enter_password(http, "ani" + NUL, "kopi-tubruk-monas-1527"))


def test_finding_8_a_tab_in_a_form_field_is_refused(http):
    sign_in(http, PHONE)
    response = post_form(http, "/account/profile", {"name": "Budi\tSetiawan", "birthdate": "1986-03-04"})
    assert_page_400(response)


def test_finding_8_a_nul_in_a_parameter_name_is_refused(http):
    http.get("/signin")
    response = http.post("/signin", data={"csrf_token": csrf_of(http), "phone" + NUL: "x", "phone": "081234567890"})
    assert_page_400(follow_shown_again(http, response))  # shown by GET after the post (idp/web/errors.py)


def test_finding_8_end_session_with_nul_in_client_id_gets_a_page(http):
    assert_page_400(http.get("/end_session", query_string={"client_id": "permits" + NUL}))


# --- Token, revocation, introspection: invalid_request JSON (RFC 6749 §5.2) -------------


def test_finding_8_token_client_id_with_nul_is_invalid_request(http, client):
    data = {"grant_type": "authorization_code", "code": "x", "client_id": client.client_id + NUL, "client_secret": "s"}
    assert_oauth_error(http.post("/token", data=data), "invalid_request")


def test_finding_8_token_code_with_nul_is_invalid_request(http, client):
    auth = AuthRequest(client)
    code = full_flow(http, auth)["code"]
    assert_oauth_error(auth.token_request(http, code + NUL), "invalid_request")
    assert auth.token_request(http, code).status_code == 200  # the real code is not burnt


def test_finding_8_basic_credentials_with_nul_are_invalid_client_rfc6749_2_3_1(http, client):
    response = http.post("/token", data={"grant_type": "refresh_token", "refresh_token": "x"}, auth=("a%00b", "s"))
    assert_oauth_error(response, "invalid_client", 401)


def test_finding_8_client_assertion_sub_with_nul_is_invalid_client_rfc7523_3(http, client):
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    assertion = f"{part({'alg': 'RS256'})}.{part({'iss': 'a' + NUL, 'sub': 'a' + NUL})}.c2ln"
    data = {
        "grant_type": "refresh_token",
        "refresh_token": "x",
        "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        "client_assertion": assertion,
    }
    assert_oauth_error(http.post("/token", data=data), "invalid_client")


@pytest.mark.parametrize("endpoint", ["/revoke", "/introspect"])
def test_finding_8_revoke_and_introspect_with_nul_are_invalid_request(http, client, endpoint):
    response = http.post(endpoint, data={"token": "x" + NUL}, auth=(client.client_id, client.secret))
    assert_oauth_error(response, "invalid_request")


@pytest.mark.parametrize("endpoint", ["/revoke", "/introspect"])
def test_finding_8_revoke_and_introspect_client_id_with_nul_are_invalid_request(http, client, endpoint):
    data = {"token": "x", "client_id": client.client_id + NUL, "client_secret": client.secret}
    assert_oauth_error(http.post(endpoint, data=data), "invalid_request")


@pytest.mark.parametrize("endpoint", ["/token", "/revoke", "/introspect"])
def test_finding_8_client_id_with_nul_in_the_query_string_is_invalid_request(http, client, endpoint):
    # Authlib reads the query string too: the check must see what it sees.
    data = {"grant_type": "authorization_code", "code": "x", "token": "x"}
    response = http.post(endpoint, query_string={"client_id": client.client_id + NUL}, data=data)
    assert_oauth_error(response, "invalid_request")


def test_a_parameter_in_both_query_and_body_counts_as_repeated_rfc6749_3_2(http, client):
    data = {"grant_type": "authorization_code", "code": "x", "client_id": client.client_id}
    response = http.post("/token", query_string={"code": "y"}, data=data)
    assert_oauth_error(response, "invalid_request")


def test_finding_8_userinfo_with_nul_in_a_parameter_is_invalid_request_rfc6750_3_1(http):
    response = http.get("/userinfo", query_string={"client_id": "a" + NUL}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_request"


@pytest.mark.parametrize("invisible", ["\u202e", "\u200b", "\ue000"])
def test_finding_8_a_name_with_invisible_characters_keeps_the_old_name(http, invisible):
    sign_in(http, PHONE)
    response = post_form(http, "/account/profile", {"name": f"Budi{invisible}Setiawan", "birthdate": "1986-03-04"})
    assert response.status_code == 400
    assert db.session.scalar(select(Citizen.name)) == "Budi Santoso"
