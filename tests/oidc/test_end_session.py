"""RP-Initiated Logout 1.0: redirect only with a valid hint and a registered URI."""

import base64
import json

from idp.protocol import keys
from tests.conftest import AuthRequest
from tests.oidc.flows import tokens_for

LOGOUT_URI = "https://permits.example/signed-out"


def signed_in_client(http, make_client):
    client = make_client(post_logout_redirect_uris=[LOGOUT_URI])
    return client, tokens_for(http, client)


def assert_page(response, status=200):
    assert response.status_code == status
    assert "Location" not in response.headers


def test_valid_hint_and_registered_uri_redirect_with_state(http, make_client):
    client, tokens = signed_in_client(http, make_client)
    response = http.get(
        "/end_session",
        query_string={"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": LOGOUT_URI, "state": "s t&="},
    )
    assert response.status_code == 303
    assert response.location == LOGOUT_URI + "?state=s+t%26%3D"


def test_session_is_really_gone_after_sign_out_section_2(http, make_client):
    client, tokens = signed_in_client(http, make_client)
    http.get("/end_session", query_string={"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": LOGOUT_URI})
    auth = AuthRequest(client, prompt="none")
    assert auth.result(auth.start(http))["error"] == "login_required"


def test_unregistered_post_logout_uri_shows_a_page(http, make_client):
    client, tokens = signed_in_client(http, make_client)
    response = http.get(
        "/end_session",
        query_string={"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": "https://evil.example/"},
    )
    assert_page(response, 400)


def test_post_logout_uri_without_hint_shows_a_page(http, make_client):
    signed_in_client(http, make_client)
    assert_page(http.get("/end_session", query_string={"post_logout_redirect_uri": LOGOUT_URI}), 400)


def test_forged_hint_shows_a_page(http, make_client):
    client, tokens = signed_in_client(http, make_client)
    header, payload, _signature = tokens["id_token"].split(".")
    forged = f"{header}.{payload}.{'A' * 40}"
    response = http.get("/end_session", query_string={"id_token_hint": forged, "post_logout_redirect_uri": LOGOUT_URI})
    assert_page(response, 400)


def test_alg_none_hint_shows_a_page(http, make_client):
    client, tokens = signed_in_client(http, make_client)
    payload = tokens["id_token"].split(".")[1]
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none"}).encode()).rstrip(b"=").decode()
    response = http.get(
        "/end_session", query_string={"id_token_hint": f"{header}.{payload}.", "post_logout_redirect_uri": LOGOUT_URI}
    )
    assert_page(response, 400)


def test_hint_of_another_client_with_its_uri_shows_a_page(http, make_client):
    client, tokens = signed_in_client(http, make_client)
    other = make_client(name="Pajak", post_logout_redirect_uris=["https://tax.example/bye"])
    response = http.get(
        "/end_session",
        query_string={
            "id_token_hint": tokens["id_token"],
            "client_id": other.client_id,
            "post_logout_redirect_uri": "https://tax.example/bye",
        },
    )
    assert_page(response, 400)


def test_without_hint_the_citizen_confirms_then_is_signed_out(http, make_client):
    client, _tokens = signed_in_client(http, make_client)
    response = http.get("/end_session?ui_locales=en")
    assert_page(response)
    assert "Sign out of JAKI ID?" in response.get_data(as_text=True)
    # Still signed in until confirmed: a link cannot sign anyone out.
    auth = AuthRequest(client, prompt="none")
    assert "code" in auth.result(auth.start(http))
    with http.session_transaction() as session:
        token = session["csrf_token"]
    confirmed = http.post("/end_session/confirm", data={"csrf_token": token})
    assert confirmed.status_code == 303  # post/redirect/get: back never signs out again
    assert_page(http.get(confirmed.location))
    auth = AuthRequest(client, prompt="none")
    assert auth.result(auth.start(http))["error"] == "login_required"


def test_confirm_without_csrf_token_does_not_sign_out(http, make_client):
    client, _tokens = signed_in_client(http, make_client)
    assert_page(http.post("/end_session/confirm", data={}), 400)
    auth = AuthRequest(client, prompt="none")
    assert "code" in auth.result(auth.start(http))


def test_valid_hint_without_uri_shows_the_signed_out_page(http, make_client):
    client, tokens = signed_in_client(http, make_client)
    assert_page(http.get("/end_session", query_string={"id_token_hint": tokens["id_token"]}))
    auth = AuthRequest(client, prompt="none")
    assert auth.result(auth.start(http))["error"] == "login_required"


def test_expired_hint_is_still_a_valid_hint(http, make_client, clock):
    client, tokens = signed_in_client(http, make_client)
    clock.advance(7200)
    response = http.get(
        "/end_session", query_string={"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": LOGOUT_URI}
    )
    assert response.status_code == 303


def test_sign_out_revokes_the_tokens_of_that_session(http, make_client):
    client, tokens = signed_in_client(http, make_client)
    http.get("/end_session", query_string={"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": LOGOUT_URI})
    assert http.get("/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}).status_code == 401


def test_hint_signed_by_a_key_no_longer_published_still_signs_out(http, app, make_client, clock):
    client, tokens = signed_in_client(http, make_client)
    keys.rotate("RS256")  # a normal rotation; --now revokes the key (tests/security/test_compromised_key.py)
    clock.advance(app.config["KEY_ROLLOVER_SECONDS"] + app.config["KEY_RETIREMENT_GRACE_SECONDS"] + 60)
    response = http.get(
        "/end_session", query_string={"id_token_hint": tokens["id_token"], "post_logout_redirect_uri": LOGOUT_URI}
    )
    assert response.status_code == 303
