"""client_uri (OIDC Registration §2): the service's home page, where a citizen back at a
finished sign-in is sent; so https only (loopback http in development), like every address
a person follows, and registered through /register or `flask clients create|update`."""

import pytest

from tests.registration.conftest import register, registered
from tests.test_cli import create, json_of

HOME = "https://permits.example/"


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def test_register_stores_and_returns_the_client_uri(http, token):
    assert registered(http, token, client_uri=HOME)["client_uri"] == HOME


@pytest.mark.parametrize(
    ("value", "mentions"),
    [
        ("http://permits.example/", "client_uri must be https"),
        ("javascript:alert(1)", "client_uri must be https"),
        ("https://permits.example/#top", "client_uri must not contain a fragment"),
        ("https://user@permits.example/", "client_uri must not contain user info"),
        (7, "client_uri must be a string"),
    ],
)
def test_register_refuses_a_client_uri_a_citizen_should_not_be_sent_to(http, token, value, mentions):
    response = register(http, token, client_uri=value)
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_client_metadata"
    assert mentions in response.get_json()["error_description"]


def test_a_loopback_http_client_uri_is_accepted_in_development(http, token):
    assert registered(http, token, client_uri="http://localhost:5001/")["client_uri"] == "http://localhost:5001/"


def test_an_update_replaces_the_client_uri_rfc7592_2_2(http, token):
    body = registered(http, token, client_uri=HOME)
    headers = {"Authorization": f"Bearer {body['registration_access_token']}"}
    document = {"client_name": body["client_name"], "redirect_uris": body["redirect_uris"]}
    updated = http.put(
        f"/register/{body['client_id']}", json={**document, "client_id": body["client_id"]}, headers=headers
    )
    assert updated.status_code == 200, updated.get_json()
    assert "client_uri" not in updated.get_json()


def test_the_command_line_registers_and_changes_the_client_uri(cli):
    client_id = json_of(create(cli, "--client-uri", HOME, "--json"))["client_id"]
    assert json_of(cli("clients", "show", client_id, "--json"))["client_uri"] == HOME
    changed = json_of(cli("clients", "update", client_id, "--client-uri", "https://izin.example/", "--json"))
    assert changed["client_uri"] == "https://izin.example/"
    cleared = json_of(cli("clients", "update", client_id, "--no-client-uri", "--json"))
    assert "client_uri" not in cleared


def test_the_command_line_refuses_an_http_client_uri(cli):
    result = create(cli, "--client-uri", "http://permits.example/")
    assert result.exit_code != 0 and "client_uri must be https" in result.output
