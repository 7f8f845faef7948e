"""Registration and console actions are audit events (idp/audit): who acted (the
agency's client, a staff member, the command line) and what, never a credential."""

import json

import pytest

from idp.audit import types as audit
from tests.audit.conftest import stored_events
from tests.conftest import post_form
from tests.registration.conftest import registered
from tests.staff.conftest import staff_sign_in


def events_of(event_type):
    return [event for event in stored_events() if event.type == event_type]


def test_an_agencys_registration_update_and_delete_are_the_client_acting(http, agency_token):
    body = registered(http, agency_token().token)
    (event,) = events_of(audit.CLIENT_REGISTERED)
    assert (event.actor_kind, event.actor_id) == ("client", body["client_id"])
    assert event.details["agency"] == "Dinas Perizinan"
    headers = {"Authorization": f"Bearer {body['registration_access_token']}"}
    document = {"client_id": body["client_id"], "client_name": "Baru", "redirect_uris": body["redirect_uris"]}
    response = http.put(f"/register/{body['client_id']}", json=document, headers=headers)
    assert response.status_code == 200
    (updated,) = events_of(audit.CLIENT_UPDATED)
    assert updated.actor_id == body["client_id"] and updated.details == {"changed": ["name"]}
    headers = {"Authorization": f"Bearer {response.get_json()['registration_access_token']}"}  # RFC 7592 §3
    assert http.delete(f"/register/{body['client_id']}", headers=headers).status_code == 204
    (deleted,) = events_of(audit.CLIENT_DELETED)
    assert deleted.client_id == body["client_id"] and events_of(audit.CLIENT_DISABLED)
    logged = json.dumps([event.details for event in stored_events()])
    assert body["client_secret"] not in logged and body["registration_access_token"] not in logged


def test_console_actions_name_the_operator(http, make_staff, make_client):
    operator = make_staff("ani", "operator")
    staff_sign_in(http, operator)
    data = {"agency": "Dinas Pajak", "sector": "tax.example", "scope": ["openid"], "expires_in": "30"}
    post_form(http, "/staff/console/tokens", data)
    (issued,) = events_of(audit.AGENCY_TOKEN_ISSUED)
    assert (issued.actor_kind, issued.actor_id) == ("staff", str(operator.id))
    assert issued.details["agency"] == "Dinas Pajak" and issued.details["sector"] == "tax.example"
    post_form(http, f"/staff/console/tokens/{issued.details['token_id']}/revoke", {})
    assert events_of(audit.AGENCY_TOKEN_REVOKED)[0].actor_id == str(operator.id)
    client = make_client()
    post_form(http, f"/staff/console/clients/{client.client_id}/disable", {})
    post_form(http, f"/staff/console/clients/{client.client_id}/enable", {})
    (enabled,) = events_of(audit.CLIENT_ENABLED)
    assert (enabled.actor_kind, enabled.client_id) == ("staff", client.client_id)


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def test_a_token_issued_at_the_command_line_is_logged_without_its_value(cli):
    result = cli("agencies", "token", "create", "--agency", "Dinas Pajak", "--scopes", "openid",
                 "--sector", "tax.example", "--json")  # fmt: skip
    token = json.loads(result.stdout)["initial_access_token"]
    (event,) = events_of(audit.AGENCY_TOKEN_ISSUED)
    assert (event.actor_kind, event.actor_id) == ("system", "cli")
    assert token not in json.dumps(event.details)
