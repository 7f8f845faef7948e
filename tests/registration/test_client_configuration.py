"""Client configuration (RFC 7592): read, update and delete with the
registration access token, and nothing without it."""

import pytest

from tests.conftest import REDIRECT_URI, AuthRequest
from tests.oidc.flows import assert_oauth_error, full_flow
from tests.registration.conftest import as_client, metadata, registered

NEW_URI = "https://permits.example/new-callback"


@pytest.fixture
def body(http, token) -> dict:
    return registered(http, token)


def configuration(http, body, method="GET", token=None, **kwargs):
    headers = {"Authorization": f"Bearer {token or body['registration_access_token']}"}
    return http.open(f"/register/{body['client_id']}", method=method, headers=headers, **kwargs)


def test_read_returns_the_registered_metadata_without_credentials_rfc7592_2_1(http, body):
    response = configuration(http, body)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    read = response.get_json()
    assert "client_secret" not in read and "registration_access_token" not in read
    assert {k: v for k, v in body.items() if k not in ("client_secret", "registration_access_token")} == read


@pytest.mark.parametrize("which", ["missing", "wrong", "initial access token", "another client's"])
def test_without_this_clients_registration_token_nothing_is_shown_rfc7592_2_1(http, token, body, which):
    other = registered(http, token)
    tokens = {
        "missing": None,
        "wrong": "not-the-token",
        "initial access token": token,
        "another client's": other["registration_access_token"],
    }
    headers = {"Authorization": f"Bearer {tokens[which]}"} if tokens[which] else {}
    response = http.get(f"/register/{body['client_id']}", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"] == "invalid_token"


def test_an_unknown_client_looks_like_a_wrong_token(http, body):
    response = http.get("/register/nope", headers={"Authorization": f"Bearer {body['registration_access_token']}"})
    assert response.status_code == 401


def test_update_replaces_the_metadata_rfc7592_2_2(http, body):
    document = metadata(client_id=body["client_id"], client_name="Perizinan Baru", redirect_uris=[NEW_URI])
    response = configuration(http, body, "PUT", json=document)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["client_name"] == "Perizinan Baru"
    assert response.get_json()["redirect_uris"] == [NEW_URI]
    old = AuthRequest(as_client(body), redirect_uri=REDIRECT_URI).start(http)
    assert old.status_code == 400  # the old redirect URI is no longer registered: a page, no redirect
    auth = AuthRequest(as_client(body), redirect_uri=NEW_URI)
    assert auth.token_request(http, full_flow(http, auth)["code"]).status_code == 200


@pytest.mark.parametrize(
    ("change", "mentions"),
    [
        ({"client_id": None}, "client_id"),
        ({"client_id": "someone-else"}, "client_id"),
        ({"scope": "openid offline_access"}, "beyond"),
        ({"token_endpoint_auth_method": "private_key_jwt"}, "cannot change"),
        ({"client_secret": "not-the-secret"}, "client_secret"),
        ({"redirect_uris": ["https://elsewhere.example/cb"]}, "permits.example"),
    ],
)
def test_an_update_is_checked_like_a_registration(http, body, change, mentions):
    document = {k: v for k, v in (metadata(client_id=body["client_id"]) | change).items() if v is not None}
    response = configuration(http, body, "PUT", json=document)
    assert response.status_code == 400
    assert mentions in response.get_json()["error_description"]
    assert configuration(http, body).get_json()["redirect_uris"] == [REDIRECT_URI]


def test_an_update_may_send_the_current_secret(http, body):
    document = metadata(client_id=body["client_id"], client_secret=body["client_secret"])
    assert configuration(http, body, "PUT", json=document).status_code == 200


def test_delete_ends_the_client_its_secret_and_its_token_rfc7592_2_3(http, body):
    client = as_client(body)
    auth = AuthRequest(client)
    code = full_flow(http, auth)["code"]
    response = configuration(http, body, "DELETE")
    assert response.status_code == 204
    assert configuration(http, body).status_code == 401
    assert_oauth_error(auth.token_request(http, code), "invalid_client", 401)
    assert AuthRequest(client).start(http).status_code == 400  # unknown client: a page, no redirect
