"""RFC 7592 §3: each successful update returns a new registration access token,
and the one it replaced stops working at once."""

import pytest

from tests.registration.conftest import metadata, registered


@pytest.fixture
def body(http, token) -> dict:
    return registered(http, token)


def with_token(http, client_id, registration_token, method="GET", **kwargs):
    headers = {"Authorization": f"Bearer {registration_token}"}
    return http.open(f"/register/{client_id}", method=method, headers=headers, **kwargs)


def update(http, body, registration_token, **changes):
    document = metadata(client_id=body["client_id"]) | changes
    return with_token(http, body["client_id"], registration_token, "PUT", json=document)


def test_an_update_returns_a_new_registration_access_token_rfc7592_3(http, body):
    response = update(http, body, body["registration_access_token"], client_name="Perizinan Baru")
    assert response.status_code == 200, response.get_json()
    assert response.headers["Cache-Control"] == "no-store"
    new = response.get_json()["registration_access_token"]
    assert len(new) >= 43 and new != body["registration_access_token"]
    assert with_token(http, body["client_id"], new).get_json()["client_name"] == "Perizinan Baru"


def test_the_old_registration_access_token_stops_working_after_an_update_rfc7592_3(http, body):
    old = body["registration_access_token"]
    assert update(http, body, old, client_name="Perizinan Baru").status_code == 200
    for method in ("GET", "PUT", "DELETE"):
        response = with_token(http, body["client_id"], old, method, json=metadata(client_id=body["client_id"]))
        assert response.status_code == 401, method
        assert response.get_json()["error"] == "invalid_token"


def test_each_update_rotates_again(http, body):
    first = update(http, body, body["registration_access_token"]).get_json()["registration_access_token"]
    second = update(http, body, first).get_json()["registration_access_token"]
    assert second not in (first, body["registration_access_token"])
    assert update(http, body, first).status_code == 401
    assert update(http, body, second).status_code == 200


def test_a_refused_update_keeps_the_token(http, body):
    refused = update(http, body, body["registration_access_token"], redirect_uris=["http://permits.example/cb"])
    assert refused.status_code == 400 and "registration_access_token" not in refused.get_json()
    assert with_token(http, body["client_id"], body["registration_access_token"]).status_code == 200


def test_reading_does_not_rotate_the_token(http, body):
    assert (
        "registration_access_token"
        not in with_token(http, body["client_id"], body["registration_access_token"]).get_json()
    )
    assert with_token(http, body["client_id"], body["registration_access_token"]).status_code == 200
