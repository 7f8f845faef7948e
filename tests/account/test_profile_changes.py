"""Issue 9: what follows a change of gender, NIK or address at /account: an audit event
naming the fields (never their values), the `updated_at` claim (OIDC Core 5.1), the new
values released to the services allowed them, and the data export."""

import json

import pytest
from sqlalchemy import select

from idp.audit import types as audit
from idp.audit.verify import verify
from idp.extensions import db
from idp.models import AuditEvent, Citizen
from tests.account.test_address_page import ADDRESS
from tests.account.test_personal_details import WOMAN, details
from tests.account.test_phone_change import change_to
from tests.account.test_second_factor import enrol
from tests.conftest import post_form
from tests.encryption_keys import encrypted_responses, userinfo_claims
from tests.oidc.flows import tokens_for, userinfo

EVERY_SCOPE = "openid profile phone address nik"


def profile_events() -> list[AuditEvent]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.type == audit.PROFILE_CHANGED)))


@pytest.fixture
def access_token(http, make_client):
    """A service allowed every scope, before the citizen edits anything (the NIK among them:
    it receives UserInfo encrypted to its key, idp/protocol/sensitive_scopes.py)."""
    client = make_client(scope=EVERY_SCOPE, **encrypted_responses())
    return tokens_for(http, client, scope=EVERY_SCOPE)["access_token"]


def test_a_change_is_an_audit_event_naming_the_fields_never_the_values(http, access_token):
    post_form(http, "/account/profile", details(gender="female", nik=WOMAN))
    post_form(http, "/account/address", ADDRESS)

    events = profile_events()

    assert [e.details for e in events] == [{"fields": ["gender", "nik"]}, {"fields": ["address"]}]
    stored = json.dumps([e.details for e in events])
    assert WOMAN not in stored and "Kebon Sirih" not in stored and "female" not in stored
    assert verify().intact


def test_saving_what_is_already_saved_records_nothing(http, access_token):
    post_form(http, "/account/address", ADDRESS)
    post_form(http, "/account/address", ADDRESS)

    assert len(profile_events()) == 1


def test_the_citizen_sees_the_change_on_the_activity_page(http, access_token):
    post_form(http, "/account/address", ADDRESS)

    page = http.get("/account/activity?ui_locales=en").get_data(as_text=True)

    assert "Personal details changed" in page


# `clock` first: the sign-in that sets updated_at runs on the standing clock too.
def test_updated_at_moves_when_the_address_changes__oidc_core_5_1(clock, http, access_token):
    before = userinfo_claims(userinfo(http, access_token))["updated_at"]
    clock.advance(120)

    post_form(http, "/account/address", ADDRESS)

    assert userinfo_claims(userinfo(http, access_token))["updated_at"] == before + 120


def test_updated_at_stays_when_nothing_changed(clock, http, access_token):
    before = userinfo_claims(userinfo(http, access_token))["updated_at"]
    clock.advance(120)

    post_form(http, "/account/profile", details(gender=""))  # as signed in: no gender, no NIK

    assert userinfo_claims(userinfo(http, access_token))["updated_at"] == before


def test_the_edited_values_are_what_the_service_receives(http, access_token):
    post_form(http, "/account/profile", details(gender="female", nik=WOMAN))
    post_form(http, "/account/address", ADDRESS)

    claims = userinfo_claims(userinfo(http, access_token))

    assert (claims["gender"], claims["nik"]) == ("female", WOMAN)
    assert claims["address"]["street_address"] == "Jl. Kebon Sirih No. 5\nRT 003/RW 007\nKel. Gondangdia\nKec. Menteng"
    assert claims["address"]["postal_code"] == "10350"


def test_a_removed_address_is_no_longer_released(http, access_token):
    post_form(http, "/account/address", ADDRESS)
    post_form(http, "/account/address/remove", {})

    assert "address" not in userinfo_claims(userinfo(http, access_token))


def test_the_data_export_holds_gender_nik_and_address(http, access_token):
    post_form(http, "/account/profile", details(gender="female", nik=WOMAN))
    post_form(http, "/account/address", ADDRESS)

    profile = http.get("/account/data.json").get_json()["profile"]

    assert (profile["gender"], profile["nik"]) == ("female", WOMAN)
    assert profile["address"] == ADDRESS | {"rt": "003", "rw": "007"}


def updated_at() -> int:
    db.session.expire_all()
    return int(db.session.scalar(select(Citizen.updated_at)).timestamp())


def test_updated_at_stays_when_the_authenticator_is_set_up_and_used(clock, http, access_token):
    # Not information about the citizen: a service watching updated_at must not learn when
    # the citizen set up or used an authenticator app, here or at another service.
    before = updated_at()
    clock.advance(120)

    enrol(http)

    assert updated_at() == before


def test_updated_at_moves_when_the_phone_number_changes(clock, http, access_token):
    before = updated_at()
    clock.advance(120)

    change_to(http)

    assert updated_at() == before + 120
