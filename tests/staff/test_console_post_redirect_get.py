"""Issue 13: what an operator's post makes (a client and its secret, a new secret, an agency's
token) is shown once, by GET after a redirect (RFC 9110 §15.4.4): back or reload never
registers, rotates or issues again, and the secret is not shown a second time."""

import re

import pytest
from sqlalchemy import func, select

from idp.extensions import db
from idp.models import Client, InitialAccessToken
from tests.conftest import csrf_of
from tests.staff.conftest import staff_sign_in

NEW_CLIENT = {
    "name": "Layanan Vaksin",
    "redirect_uris": "https://vaccine.example/cb",
    "scope": ["openid"],
    "auth_method": "client_secret_basic",
    "id_token_alg": "RS256",
    "sector": "",
}
NEW_TOKEN = {"agency": "Dinas Pajak", "scope": ["openid", "profile"], "sector": "tax.example", "expires_in": "30"}


@pytest.fixture
def operator(http, make_staff):
    staff_sign_in(http, make_staff("ani", "operator"))
    http.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return http


def post_raw(http, url, data):
    http.get(url)
    return http.post(url, data={"csrf_token": csrf_of(http), **data})


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_registering_a_client_redirects_to_its_secret(operator):
    posted = post_raw(operator, "/staff/console/clients/new", NEW_CLIENT)
    client = db.session.scalars(select(Client)).one()
    assert posted.status_code == 303 and posted.location == f"/staff/console/clients/{client.client_id}/secret"


def test_the_new_secret_is_shown_once_and_reloading_registers_nothing(operator):
    posted = post_raw(operator, "/staff/console/clients/new", NEW_CLIENT)
    page = operator.get(posted.location).get_data(as_text=True)
    secret = re.search(r'id="client-secret">([^<]+)<', page).group(1)
    client = db.session.scalars(select(Client)).one()
    assert client.check_client_secret(secret)
    reloaded = operator.get(posted.location)
    assert reloaded.status_code == 303 and reloaded.location == f"/staff/console/clients/{client.client_id}"
    assert count(Client) == 1


def test_a_rotated_secret_is_shown_once_after_a_redirect(operator):
    post_raw(operator, "/staff/console/clients/new", NEW_CLIENT)
    client = db.session.scalars(select(Client)).one()
    rotate = f"/staff/console/clients/{client.client_id}/secret"
    posted = operator.post(rotate, data={"csrf_token": csrf_of(operator)})
    assert posted.status_code == 303 and posted.location == rotate
    page = operator.get(rotate).get_data(as_text=True)
    assert "New secret" in page and 'id="client-secret"' in page
    assert operator.get(rotate).status_code == 303


def test_an_issued_agency_token_is_shown_once_and_reloading_issues_no_other(operator):
    posted = post_raw(operator, "/staff/console/tokens", NEW_TOKEN)
    row = db.session.scalars(select(InitialAccessToken)).one()
    assert posted.status_code == 303 and posted.location == f"/staff/console/tokens/{row.id}"
    assert 'id="initial-access-token"' in operator.get(posted.location).get_data(as_text=True)
    reloaded = operator.get(posted.location)
    assert reloaded.status_code == 303 and reloaded.location == "/staff/console/tokens"
    assert count(InitialAccessToken) == 1


def test_a_refused_operator_action_is_shown_by_get(operator, make_client):
    client = make_client()
    posted = operator.post(f"/staff/console/clients/{client.client_id}/disable", data={"csrf_token": "wrong"})
    assert posted.status_code == 303 and posted.location == "/problem"
    assert operator.get("/problem").status_code == 400
