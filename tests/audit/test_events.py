"""The events the existing code writes: sign-ins, codes, limits, reuse, clients, keys,
phone changes, the authenticator, exports and staff sign-ins; never a phone number."""

import json

import pytest
from flask import current_app

from idp.audit import disclosure_seals
from idp.audit import types as audit
from idp.audit.pseudonyms import number_pseudonym, pseudonym_of
from idp.audit.reveal import reveal
from idp.audit.verify import verify
from idp.extensions import db
from idp.models import AuditPseudonym, ConsentActor, ConsentKind
from idp.services import consent_log, consents
from tests.account.test_phone_change import change_to
from tests.account.test_second_factor import citizen, enrol
from tests.audit.conftest import stored_events
from tests.conftest import AuthRequest, latest_sms, post_form, sign_in
from tests.oidc.flows import PHONE, full_flow, refresh, tokens_for, userinfo
from tests.privacy.test_account_closure import close_account
from tests.staff.conftest import enter_password, staff_sign_in

E164 = "+6281234567890"


def events_of(event_type):
    return [event for event in stored_events() if event.type == event_type]


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def test_a_sign_in_is_logged_with_the_pseudonym_service_and_methods(http, make_client):
    client = make_client()
    tokens_for(http, client)
    (event,) = events_of(audit.SIGNIN_SUCCEEDED)
    assert event.citizen == event.actor_id == pseudonym_of(citizen().id)
    assert (event.client_id, event.details) == (client.client_id, {"amr": ["sms"]})


def test_a_code_sent_is_logged_with_a_stand_in_for_the_number(http):
    post_form(http, "/signin", {"phone": PHONE})
    (event,) = events_of(audit.OTP_CODE_SENT)
    assert event.details == {"purpose": "sign_in", "number": number_pseudonym(E164)}
    assert (event.actor_kind, event.citizen) == ("anonymous", None)


def test_a_wrong_code_is_a_failed_sign_in(http):
    post_form(http, "/signin", {"phone": PHONE})
    post_form(http, "/signin/code", {"code": "000000" if latest_sms(http)["code"] != "000000" else "111111"})
    (event,) = events_of(audit.SIGNIN_FAILED)
    assert event.details["reason"] == "wrong_code" and event.details["step"] == "sms_code"
    assert event.details["number"] == number_pseudonym(E164)


def test_too_many_wrong_codes_exhaust_the_challenge(http):
    post_form(http, "/signin", {"phone": PHONE})
    wrong = "000000" if latest_sms(http)["code"] != "000000" else "111111"
    for _ in range(current_app.config["OTP_MAX_ATTEMPTS"]):
        post_form(http, "/signin/code", {"code": wrong})
    (event,) = events_of(audit.OTP_CHALLENGE_EXHAUSTED)
    assert event.details["number"] == number_pseudonym(E164)


def test_a_second_code_too_soon_is_a_limit_hit(http):
    post_form(http, "/signin", {"phone": PHONE})
    post_form(http, "/signin/code/resend", {})
    (event,) = events_of(audit.LIMIT_HIT)
    assert event.details == {"limit": "otp_sending", "purpose": "sign_in", "number": number_pseudonym(E164)}


def test_a_reused_code_is_logged_against_the_client(http, make_client):
    client = make_client()
    auth = AuthRequest(client)
    code = full_flow(http, auth)["code"]
    auth.token_request(http, code)
    auth.token_request(http, code)
    (event,) = events_of(audit.CODE_REUSE_DETECTED)
    assert (event.actor_kind, event.actor_id, event.client_id) == ("client", client.client_id, client.client_id)
    assert event.citizen == pseudonym_of(citizen().id)


def test_a_reused_refresh_token_is_logged(http, make_client):
    client = make_client()
    first = tokens_for(http, client)["refresh_token"]
    refresh(http, client, first)
    refresh(http, client, first)
    (event,) = events_of(audit.REFRESH_REUSE_DETECTED)
    assert event.client_id == client.client_id and event.citizen == pseudonym_of(citizen().id)


def test_client_registration_rotation_and_disabling_are_logged(cli):
    created = json.loads(
        cli(
            "clients",
            "create",
            "--name",
            "Pajak",
            "--redirect-uri",
            "https://tax.example/cb",
            "--scope",
            "openid",
            "--json",
        ).stdout
    )
    client_id = created["client_id"]
    cli("clients", "rotate-secret", client_id)
    cli("clients", "disable", client_id)
    logged = [(e.type, e.client_id) for e in stored_events() if e.type.startswith("client.")]
    assert {(e.actor_kind, e.actor_id) for e in stored_events()} == {("system", "cli")}  # an operator's command
    assert logged == [
        (audit.CLIENT_REGISTERED, client_id),
        (audit.CLIENT_SECRET_ROTATED, client_id),
        (audit.CLIENT_DISABLED, client_id),
    ]
    assert created["client_secret"] not in json.dumps([e.details for e in stored_events()])


def test_a_key_rotation_is_logged(cli):
    cli("keys", "rotate", "--alg", "ES256")
    (event,) = events_of(audit.KEY_ROTATED)
    assert event.details["alg"] == "ES256" and event.details["revoking_earlier_keys"] is False


def test_a_phone_change_is_logged(http):
    sign_in(http, PHONE)
    change_to(http)
    (event,) = events_of(audit.PHONE_CHANGED)
    assert event.citizen == pseudonym_of(citizen().id)


def test_turning_the_authenticator_on_is_logged(http):
    sign_in(http, PHONE)
    enrol(http)
    (event,) = events_of(audit.AUTHENTICATOR_ENABLED)
    assert event.citizen == pseudonym_of(citizen().id)


def test_the_data_download_is_logged(http):
    sign_in(http, PHONE)
    http.get("/account/data.json")
    (event,) = events_of(audit.ACCOUNT_EXPORTED)
    assert event.citizen == pseudonym_of(citizen().id)


def test_staff_sign_in_and_a_wrong_password_are_logged(http, make_staff):
    staff = make_staff()
    enter_password(http, staff.username, "not the password")
    staff_sign_in(http, staff)
    logged = [(e.type, e.actor_kind, e.actor_id) for e in stored_events()]
    assert logged == [
        (audit.STAFF_SIGNIN_FAILED, "staff", str(staff.id)),
        (audit.STAFF_SIGNED_IN, "staff", str(staff.id)),
    ]


def test_no_event_holds_the_phone_number_and_the_chain_stays_intact(http, make_client):
    tokens_for(http, make_client())
    post_form(http, "/signin/code/resend", {})
    stored = json.dumps([[e.actor_id, e.citizen, e.details] for e in stored_events()])
    assert "81234567890" not in stored and citizen().id not in stored
    assert verify().intact


def test_each_release_of_claims_is_sealed_into_the_log_by_name_never_by_value(http, make_client):
    tokens = tokens_for(http, make_client())
    userinfo(http, tokens["access_token"])
    assert disclosure_seals.seal() == 2
    (event,) = events_of(audit.DISCLOSURES_SEALED)
    assert event.details["count"] == 2 and "Budi" not in json.dumps(event.details)


def test_after_an_account_is_closed_no_reveal_names_it(http, make_client):
    tokens_for(http, make_client())
    closed = citizen()
    close_account(http)
    (event,) = events_of(audit.ACCOUNT_CLOSED)
    assert event.citizen == pseudonym_of(closed.id)
    assert db.session.get(AuditPseudonym, event.citizen) is None
    assert reveal(1, event.citizen, "Case 2026/7: a complaint about this account") is None


def test_a_consent_given_at_sign_in_is_logged_with_its_scope(http, make_client):
    client = make_client()
    tokens_for(http, client)
    (event,) = events_of(audit.CONSENT_GRANTED)
    assert (event.citizen, event.client_id) == (pseudonym_of(citizen().id), client.client_id)
    assert event.details["scope"] == "openid profile phone" and event.details["by"] == "citizen"


def test_a_withdrawn_consent_is_logged(http, make_client):
    client = make_client()
    tokens_for(http, client)
    consents.withdraw(citizen().id, consents.find(citizen().id, client.client_id).id)
    (event,) = events_of(audit.CONSENT_WITHDRAWN)
    assert event.client_id == client.client_id and event.actor_kind == "citizen"


def test_an_expired_consent_is_logged_by_the_system(http, make_client, clock):
    client = make_client()
    tokens_for(http, client)
    clock.advance(current_app.config["CONSENT_TTL_SECONDS"] + 1)
    consents.expire_due()
    (event,) = events_of(audit.CONSENT_EXPIRED)
    assert (event.actor_kind, event.client_id) == ("system", client.client_id)


def test_a_consent_rolled_back_leaves_no_event(http, make_client, make_citizen):
    client, someone = make_client(), make_citizen()
    consent_log.append(
        consents._hold_or_create(someone.id, client.client_id), ConsentKind.GRANTED, ConsentActor.CITIZEN
    )
    db.session.rollback()
    assert events_of(audit.CONSENT_GRANTED) == []
