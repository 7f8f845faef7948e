"""The operator console: clients, agencies' initial access tokens and signing
keys, for operators only, showing no citizen data."""

import re

import pytest

from idp.extensions import db
from idp.models import Client, SigningKey
from idp.protocol import keys
from idp.services import clients, initial_access_tokens
from tests.conftest import REDIRECT_URI, AuthRequest, post_form
from tests.oidc.flows import full_flow
from tests.registration.conftest import register
from tests.staff.conftest import staff_sign_in

CONSOLE_PAGES = ["/staff/console/", "/staff/console/clients/new", "/staff/console/tokens", "/staff/console/keys"]


@pytest.fixture
def operator(http, make_staff):
    staff_sign_in(http, make_staff("ani", "operator"))
    http.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # the texts below are the English source
    return http


def shown(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


@pytest.mark.parametrize("url", CONSOLE_PAGES)
def test_auditors_cannot_use_the_console(http, make_staff, url):
    staff_sign_in(http, make_staff("budi", "auditor"))
    assert http.get(url).status_code == 403


def test_auditors_cannot_act_either(http, make_staff, make_client):
    client = make_client()
    staff_sign_in(http, make_staff("budi", "auditor"))
    response = post_form(http, f"/staff/console/clients/{client.client_id}/disable", {})
    assert response.status_code == 403
    db.session.refresh(client)
    assert not client.disabled


@pytest.mark.parametrize("url", CONSOLE_PAGES)
def test_without_a_staff_session_the_console_sends_to_staff_sign_in(http, url):
    response = http.get(url)
    assert response.status_code == 302 and response.location.endswith("/staff/signin")


def test_a_citizens_session_is_not_a_staff_session(http, make_client):
    full_flow(http, AuthRequest(make_client()))  # a citizen signed in in this browser
    assert http.get("/staff/console/").status_code == 302


def test_the_client_list_shows_the_clients_and_who_registered_them(operator, make_client, http):
    make_client(name="Perizinan")
    token = initial_access_tokens.issue("Dinas Pajak", "openid profile", "tax.example", 30).token
    register(http, token, client_name="Pajak Daerah", redirect_uris=["https://tax.example/cb"])
    page = shown(operator.get("/staff/console/"))
    assert "Perizinan" in page and "Registered by an operator" in page
    assert "Pajak Daerah" in page and "Dinas Pajak" in page


def test_an_operator_registers_a_client_and_sees_its_secret_once(operator):
    data = {
        "name": "Layanan Vaksin",
        "redirect_uris": "https://vaccine.example/cb https://vaccine.example/cb2",
        "scope": ["openid", "phone"],
        "auth_method": "client_secret_basic",
        "id_token_alg": "RS256",
        "sector": "",
    }
    page = shown(post_form(operator, "/staff/console/clients/new", data))
    client = db.session.query(Client).one()
    secret = re.search(r'id="client-secret">([^<]+)<', page).group(1)
    assert client.check_client_secret(secret) and client.scope == "openid phone"
    assert secret not in shown(operator.get(f"/staff/console/clients/{client.client_id}"))


def test_bad_client_metadata_is_explained_and_registers_nothing(operator):
    data = {"name": "X", "redirect_uris": "http://vaccine.example/cb", "scope": ["openid"]}
    response = post_form(operator, "/staff/console/clients/new", data)
    assert response.status_code == 400
    assert "redirect URI must be https" in response.get_data(as_text=True)
    assert db.session.query(Client).count() == 0


def test_disable_and_enable_a_client(operator, make_client, http):
    client = make_client()
    post_form(operator, f"/staff/console/clients/{client.client_id}/disable", {})
    db.session.expire_all()  # the request changed the row under this test's session
    assert clients.find_live(client.client_id) is None
    assert AuthRequest(client).start(http).status_code == 400  # a page, no redirect
    post_form(operator, f"/staff/console/clients/{client.client_id}/enable", {})
    db.session.expire_all()
    assert clients.find_live(client.client_id) is not None


def test_a_client_its_agency_deleted_cannot_be_enabled(operator, http):
    token = initial_access_tokens.issue("Dinas Perizinan", "openid", "permits.example", 30).token
    body = register(http, token).get_json()
    headers = {"Authorization": f"Bearer {body['registration_access_token']}"}
    assert http.delete(f"/register/{body['client_id']}", headers=headers).status_code == 204
    response = post_form(operator, f"/staff/console/clients/{body['client_id']}/enable", {})
    assert response.status_code == 409
    assert clients.find_live(body["client_id"]) is None


def test_rotating_a_secret_shows_the_new_one_once_and_the_old_one_stops(operator, make_client):
    client = make_client()
    page = shown(post_form(operator, f"/staff/console/clients/{client.client_id}/secret", {}))
    secret = re.search(r'id="client-secret">([^<]+)<', page).group(1)
    db.session.refresh(client)
    assert client.check_client_secret(secret) and not client.check_client_secret(client.secret)


def test_an_operator_issues_an_agency_token_that_registers_and_revokes_it(operator, http):
    data = {"agency": "Dinas Pajak", "sector": "tax.example", "scope": ["openid", "profile"], "expires_in": "30"}
    page = shown(post_form(operator, "/staff/console/tokens", data))
    token = re.search(r'id="initial-access-token">([^<]+)<', page).group(1)
    assert token not in shown(operator.get("/staff/console/tokens"))
    assert register(http, token, redirect_uris=["https://tax.example/cb"], scope="openid profile").status_code == 201
    row = initial_access_tokens.all_tokens()[0]
    post_form(operator, f"/staff/console/tokens/{row.id}/revoke", {})
    assert register(http, token, redirect_uris=["https://tax.example/cb"]).status_code == 401


def test_a_bad_token_request_is_explained(operator):
    data = {"agency": "Dinas Pajak", "sector": "not a host", "scope": ["openid"], "expires_in": "30"}
    response = post_form(operator, "/staff/console/tokens", data)
    assert response.status_code == 400 and "the sector must be a host name" in response.get_data(as_text=True)
    assert initial_access_tokens.all_tokens() == []


def test_an_operator_rotates_a_key_it_is_published_first(operator, app):
    before = {row.kid for row in keys.all_keys("ES256")}
    post_form(operator, "/staff/console/keys/rotate", {"alg": "ES256"})
    new = [row for row in keys.all_keys("ES256") if row.kid not in before]
    assert len(new) == 1 and keys.phase(new[0]) == "next"
    assert new[0].kid in shown(operator.get("/staff/console/keys"))
    assert db.session.query(SigningKey).filter(SigningKey.revoked_at.is_not(None)).count() == 0


def test_the_console_shows_no_citizen_data(operator, make_client, http, make_citizen):
    client = make_client()
    citizen = make_citizen(phone="+6281298765432", name="Rahmawati Kusuma")
    full_flow(operator, AuthRequest(client), phone="081298765432")  # she signs in to the service
    assert citizen.id
    for url in [*CONSOLE_PAGES, f"/staff/console/clients/{client.client_id}"]:
        page = shown(operator.get(url))
        assert "Rahmawati" not in page and "98765432" not in page


def test_console_pages_are_not_cached(operator):
    assert operator.get("/staff/console/").headers["Cache-Control"] == "no-store"


def test_the_redirect_uri_stays_exact_after_an_operator_registers(operator, http):
    data = {"name": "Perizinan", "redirect_uris": REDIRECT_URI, "scope": ["openid"], "auth_method": "none"}
    shown(post_form(operator, "/staff/console/clients/new", data))
    assert db.session.query(Client).one().redirect_uris == [REDIRECT_URI]


def test_an_operator_rewrites_a_purpose_and_its_version_rises(operator, make_client):
    client = make_client(scope="openid profile")

    response = post_form(
        operator,
        f"/staff/console/clients/{client.client_id}/purposes",
        {"purpose:profile": "To print your name on the permit", "purpose:profile:en": ""},
    )

    assert response.status_code == 303
    db.session.refresh(client)
    assert (client.purposes, client.purpose_version) == ({"profile": "To print your name on the permit"}, 2)
    assert "Purposes (version 2)" in shown(operator.get(response.location))


def test_saving_the_same_purposes_is_no_new_version(operator, make_client):
    client = make_client(scope="openid profile")

    post_form(
        operator, f"/staff/console/clients/{client.client_id}/purposes", {"purpose:profile": "To serve you (profile)"}
    )

    db.session.refresh(client)
    assert client.purpose_version == 1


def test_an_empty_purpose_is_explained_and_changes_nothing(operator, make_client):
    client = make_client(scope="openid profile")

    response = post_form(operator, f"/staff/console/clients/{client.client_id}/purposes", {"purpose:profile": " "})

    assert response.status_code == 400
    assert "each scope but openid needs a purpose" in response.get_data(as_text=True)
    db.session.refresh(client)
    assert (client.purposes, client.purpose_version) == ({"profile": "To serve you (profile)"}, 1)


def test_a_client_page_shows_the_purposes_form_once_and_its_title_is_the_service_name(operator, make_client):
    client = make_client(scope="openid profile")
    page = operator.get(f"/staff/console/clients/{client.client_id}").get_data(as_text=True)
    title = page.split("<title>")[1].split("</title>")[0]
    assert title == f"{client.name} · JAKI ID" and page.count("Save the purposes") == 1
