"""Closing the account (UU PDP 27/2022 art. 8): after a fresh code to the phone, every token and
session ends, consents are withdrawn and no table holds personal data any more."""

import pytest
from sqlalchemy import select

from idp.extensions import db
from idp.models import Citizen, ConsentEvent, Disclosure
from idp.models.audit import AuditEvent
from tests.conftest import latest_sms, post_form
from tests.oidc.flows import PHONE, id_claims, refresh, tokens_for, userinfo

E164 = "+6281234567890"
NAME = "Budi Santoso"  # what sign_in fills in on the profile page
BIRTHDATE = "1985-02-03"
BROWSER = "PeramBanBrowser/7.1 (closure test)"


@pytest.fixture
def http(app):
    browser = app.test_client()
    browser.environ_base["HTTP_USER_AGENT"] = BROWSER
    return browser


@pytest.fixture
def used_account(http, client):
    """A citizen who signed in, allowed a service and let it read their data."""
    tokens = tokens_for(http, client)
    userinfo(http, tokens["access_token"])
    return tokens


def close_account(http, code=None):
    http.get("/account/close")
    post_form(http, "/account/close/send", {})
    sent = latest_sms(http)
    return post_form(http, "/account/close/code", {"code": code or sent["code"]}), sent


def test_the_page_says_what_closing_does_before_anything_happens(http, used_account):
    page = http.get("/account/close", headers={"Accept-Language": "en"}).get_data(as_text=True)

    assert "cannot be undone" in page
    assert "Send code to close my account" in page
    assert db.session.scalar(select(Citizen.closed_at)) is None


def test_a_wrong_code_closes_nothing(http, used_account):
    response, _sent = close_account(http, code="000000")

    assert response.status_code == 400
    assert db.session.scalar(select(Citizen.phone_number)) == E164


def test_closing_ends_every_token_and_session(http, client, used_account):
    response, _sent = close_account(http)

    assert response.status_code == 200
    assert userinfo(http, used_account["access_token"]).status_code == 401
    introspection = http.post(
        "/introspect", data={"token": used_account["access_token"]}, auth=(client.client_id, client.secret)
    )
    assert introspection.get_json() == {"active": False}
    assert refresh(http, client, used_account["refresh_token"]).status_code == 400
    assert "/signin" in http.get("/account/").location


def test_closing_withdraws_every_consent_and_keeps_the_records_that_must_stay(http, used_account):
    close_account(http)

    events = db.session.scalars(select(ConsentEvent).order_by(ConsentEvent.id)).all()
    assert events and (events[-1].kind, events[-1].actor) == ("withdrawn", "account_closure")
    assert db.session.scalars(select(Disclosure)).all()  # which service received what, still provable


def _every_row_as_text() -> dict[str, str]:
    with db.engine.connect() as connection:
        return {table.name: repr(connection.execute(table.select()).all()) for table in db.metadata.sorted_tables}


def test_no_table_holds_personal_data_after_the_closure(http, used_account):
    citizen_id = db.session.scalar(select(Citizen.id))
    before = _every_row_as_text()
    assert NAME in before["citizen"] and BROWSER in before["browser_session"]  # the walk can see them

    close_account(http)

    personal = (E164, PHONE, E164[3:], NAME, BIRTHDATE, BROWSER, "127.0.0.1")
    for table, rows in _every_row_as_text().items():
        for value in personal:
            assert value not in rows, f"{value!r} is still in {table}"
    assert db.session.scalar(select(AuditEvent.type).order_by(AuditEvent.seq.desc()).limit(1)) == "account.closed"
    # What stays refers to the random id alone.
    assert db.session.scalar(select(Citizen.id).where(Citizen.closed_at.is_not(None))) == citizen_id


def test_the_same_phone_signs_up_again_as_a_new_citizen_with_new_subjects(http, client, used_account):
    old_sub = id_claims(used_account)["sub"]
    close_account(http)

    again = tokens_for(http, client)

    assert id_claims(again)["sub"] != old_sub
    assert db.session.scalar(select(Citizen.id).where(Citizen.phone_number == E164)) is not None
    assert len(db.session.scalars(select(Citizen)).all()) == 2
