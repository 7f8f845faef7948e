"""The refresh_token grant (RFC 6749 §6) with rotation and reuse detection
(RFC 9700 §4.14.2): a refresh token works once; presenting it again revokes
every token of its family.
"""

import pytest

from tests.conftest import AuthRequest
from tests.oidc.flows import assert_oauth_error, full_flow, refresh, userinfo


def get_tokens(http, auth: AuthRequest, citizen) -> dict:
    response = auth.token_request(http, full_flow(http, auth, citizen.phone_number)["code"])
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.fixture
def tokens(http, client, make_citizen):
    return get_tokens(http, AuthRequest(client), make_citizen())


# --- Refresh and rotation ----------------------------------------------------------------


def test_refresh_issues_a_new_working_access_token__rfc6749_6(http, client, tokens):
    response = refresh(http, client, tokens["refresh_token"])

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    fresh = response.get_json()
    assert fresh["token_type"] == "Bearer"
    assert fresh["expires_in"] > 0
    assert fresh["access_token"] != tokens["access_token"]
    assert userinfo(http, fresh["access_token"]).status_code == 200


def test_refresh_rotates_the_refresh_token__rfc9700_4_14_2(http, client, tokens):
    fresh = refresh(http, client, tokens["refresh_token"]).get_json()

    assert fresh["refresh_token"] != tokens["refresh_token"]
    assert refresh(http, client, fresh["refresh_token"]).status_code == 200


def test_rotated_refresh_token_is_invalid_grant__rfc9700_4_14_2(http, client, tokens):
    refresh(http, client, tokens["refresh_token"])

    response = refresh(http, client, tokens["refresh_token"])

    assert_oauth_error(response, "invalid_grant")


def test_reused_refresh_token_revokes_the_newest_access_token__rfc9700_4_14_2(http, client, tokens):
    newest = refresh(http, client, tokens["refresh_token"]).get_json()
    assert userinfo(http, newest["access_token"]).status_code == 200

    refresh(http, client, tokens["refresh_token"])

    response = userinfo(http, newest["access_token"])
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_reused_refresh_token_revokes_the_newest_refresh_token__rfc9700_4_14_2(http, client, tokens):
    newest = refresh(http, client, tokens["refresh_token"]).get_json()

    refresh(http, client, tokens["refresh_token"])

    assert_oauth_error(refresh(http, client, newest["refresh_token"]), "invalid_grant")


def test_reused_refresh_token_revokes_the_first_access_token__rfc9700_4_14_2(http, client, tokens):
    refresh(http, client, tokens["refresh_token"])

    refresh(http, client, tokens["refresh_token"])

    assert userinfo(http, tokens["access_token"]).status_code == 401


def test_reuse_does_not_touch_another_authorization__rfc9700_4_14_2(http, client, tokens, make_citizen):
    other = get_tokens(http, AuthRequest(client), make_citizen())
    refresh(http, client, tokens["refresh_token"])

    refresh(http, client, tokens["refresh_token"])

    assert userinfo(http, other["access_token"]).status_code == 200
    assert refresh(http, client, other["refresh_token"]).status_code == 200


# --- Scope (RFC 6749 §6) ---------------------------------------------------------------


def test_refresh_may_narrow_the_scope__rfc6749_6(http, client, tokens):
    response = refresh(http, client, tokens["refresh_token"], scope="openid phone")

    assert response.status_code == 200
    fresh = response.get_json()
    assert fresh["scope"] == "openid phone"
    claims = userinfo(http, fresh["access_token"]).get_json()
    assert "phone_number" in claims
    assert "name" not in claims


def test_narrowing_keeps_the_scope_of_the_refresh_token__rfc6749_6(http, client, tokens):
    # "If a new refresh token is issued, the refresh token scope MUST be
    # identical to that of the refresh token included by the client."
    narrowed = refresh(http, client, tokens["refresh_token"], scope="openid").get_json()

    response = refresh(http, client, narrowed["refresh_token"], scope="openid profile phone")

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["scope"] == "openid profile phone"


def test_refresh_without_scope_gets_the_original_scope__rfc6749_6(http, client, tokens):
    narrowed = refresh(http, client, tokens["refresh_token"], scope="openid").get_json()

    response = refresh(http, client, narrowed["refresh_token"])

    assert response.get_json()["scope"] == "openid profile phone"


def test_refresh_cannot_widen_the_scope__rfc6749_6(http, client, tokens):
    response = refresh(http, client, tokens["refresh_token"], scope="openid profile phone offline_access")

    assert_oauth_error(response, "invalid_scope")


def test_refresh_cannot_widen_a_narrowed_access_token_beyond_the_grant__rfc6749_6(http, client, tokens):
    narrowed = refresh(http, client, tokens["refresh_token"], scope="openid").get_json()

    response = refresh(http, client, narrowed["refresh_token"], scope="openid offline_access")

    assert_oauth_error(response, "invalid_scope")


# --- Which refresh tokens are refused ----------------------------------------------------


def test_refresh_token_of_another_client_is_invalid_grant__rfc6749_6(http, tokens, make_client):
    other = make_client(name="Pajak")

    response = refresh(http, other, tokens["refresh_token"])

    assert_oauth_error(response, "invalid_grant")


def test_refresh_token_tried_by_another_client_stays_valid__rfc6749_6(http, client, tokens, make_client):
    refresh(http, make_client(name="Pajak"), tokens["refresh_token"])

    assert refresh(http, client, tokens["refresh_token"]).status_code == 200


def test_revoked_refresh_token_is_invalid_grant__rfc7009_2_1(http, client, tokens):
    revoked = http.post(
        "/revoke",
        data={"token": tokens["refresh_token"], "token_type_hint": "refresh_token"},
        auth=(client.client_id, client.secret),
    )
    assert revoked.status_code == 200

    response = refresh(http, client, tokens["refresh_token"])

    assert_oauth_error(response, "invalid_grant")


def test_expired_refresh_token_is_invalid_grant__rfc6749_6(app, http, client, tokens, clock):
    clock.advance(app.config["REFRESH_TOKEN_TTL_SECONDS"] + 1)

    response = refresh(http, client, tokens["refresh_token"])

    assert_oauth_error(response, "invalid_grant")


def test_unknown_refresh_token_is_invalid_grant__rfc6749_6(http, client):
    response = refresh(http, client, "not-a-token-we-issued")

    assert_oauth_error(response, "invalid_grant")


def test_access_token_is_not_a_refresh_token__rfc6749_6(http, client, tokens):
    response = refresh(http, client, tokens["access_token"])

    assert_oauth_error(response, "invalid_grant")


def test_refresh_needs_client_authentication__rfc6749_6(http, client, tokens):
    response = http.post(
        "/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
        auth=(client.client_id, "wrong-secret"),
    )

    assert_oauth_error(response, "invalid_client", status=401)
    assert refresh(http, client, tokens["refresh_token"]).status_code == 200
