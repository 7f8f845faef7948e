"""Finding 6 (the SIM alone reaches loa:2): an authenticator set up during a sign-in
session does not raise that session's level; it counts from the next sign-in. The
citizen is told so, and the number on the account is told of the change by SMS."""

import re

import redis
from flask import current_app
from sqlalchemy import select

from idp.account.two_factor import ADDED, REMOVED
from idp.extensions import db
from idp.models import Citizen
from idp.web.i18n import translate_to
from tests.account.test_second_factor import LOA2, current_code, enrol
from tests.conftest import AuthRequest, consent_allow, csrf_of, follow_shown_again, post_form, sign_in
from tests.oidc.flows import PHONE, id_claims, tokens_for

E164 = "+6281234567890"
A_WHILE = 5  # seconds between signing in and setting up the app, as a person takes


def to_the_client(http, auth, response):
    """Follow the provider's redirects (pressing Allow on the way) back to the client."""
    while response.status_code in (302, 303) and not response.location.startswith(auth.redirect_uri):
        if "/consent" in response.location:
            response = consent_allow(http, response)
        else:
            response = http.get(response.location)
    return auth.result(response)


def notices_to(http, number):
    return [sms for sms in http.get("/_dev/outbox").get_json() if sms["to"] == number and sms["code"] is None]


def notice(message):
    citizen = db.session.scalar(select(Citizen))
    config = current_app.config
    return translate_to(citizen.locale, message, service=config["SERVICE_NAME"], contact=config["SUPPORT_CONTACT"])


def test_finding_6_an_authenticator_set_up_in_this_session_does_not_reach_loa2(http, make_client, clock):
    client = make_client()
    sign_in(http, PHONE)
    clock.advance(A_WHILE)
    enrol(http)
    clock.advance(31)
    response = AuthRequest(client, acr_values=LOA2).start(http)
    # Not the service, nor the app's code: sign in again, starting with the SMS code.
    assert response.location.startswith("/signin?interaction=")


def test_finding_6_a_silent_request_for_loa2_after_setting_up_is_login_required(http, make_client, clock):
    client = make_client()
    tokens_for(http, client)  # signed in, consent given
    clock.advance(A_WHILE)
    enrol(http)
    auth = AuthRequest(client, acr_values=LOA2, prompt="none")
    assert auth.result(auth.start(http))["error"] == "login_required"


def test_finding_6_setting_up_during_a_loa2_request_signs_in_again_and_then_reaches_loa2(http, make_client, clock):
    client = make_client()
    auth = AuthRequest(client, acr_values=LOA2)
    offer = http.get(sign_in(http, PHONE, auth.start(http).location).location)
    assert "/signin/authenticator/offer" in offer.location
    clock.advance(A_WHILE)
    setup = post_form(http, offer.location, {"decision": "enrol"}).location
    http.get(setup)
    page = post_form(http, setup + "&ui_locales=en", {"code": current_code()}).get_data(as_text=True)
    assert "It counts from your next sign-in" in page
    resume = re.search(r'href="([^"]*/authorize/resume[^"]*)"', page).group(1).replace("&amp;", "&")

    again = http.get(resume)
    assert again.location.startswith("/signin?interaction=")
    phone_page = http.get(again.location + "&ui_locales=en").get_data(as_text=True)
    assert "Your new authenticator app counts from your next sign-in." in phone_page
    clock.advance(31)  # the app's next code
    response = sign_in(http, PHONE, again.location)
    assert "/signin/authenticator" in response.location
    response = post_form(http, response.location, {"code": current_code()})

    claims = id_claims(auth.token_request(http, to_the_client(http, auth, response)["code"]).get_json())
    assert claims["acr"] == LOA2
    assert claims["amr"] == ["sms", "otp", "mfa"]


def test_finding_6_an_authenticator_set_up_in_this_session_does_not_prove_it_is_you_for_a_phone_change(http, clock):
    sign_in(http, PHONE)
    clock.advance(A_WHILE)
    enrol(http)
    clock.advance(31)
    response = http.post("/account/phone/app?ui_locales=en", data={"csrf_token": csrf_of(http), "code": current_code()})
    response = follow_shown_again(http, response)
    assert response.status_code == 400
    assert "Your authenticator app counts from your next sign-in." in response.get_data(as_text=True)
    assert http.get("/account/phone/new").location.endswith("/account/phone")


def test_finding_6_the_number_is_told_by_sms_that_an_authenticator_was_added(http, clock):
    sign_in(http, PHONE)
    clock.advance(A_WHILE)
    enrol(http)
    [sms] = notices_to(http, E164)
    assert sms["body"] == notice(ADDED)
    assert sms["body"] != ADDED  # in the citizen's language, Indonesian here


def test_finding_6_the_number_is_told_by_sms_that_the_authenticator_was_removed(http, clock):
    sign_in(http, PHONE)
    enrol(http)
    clock.advance(31)
    post_form(http, "/account/2fa", {})  # the page with the form
    assert (
        follow_shown_again(
            http, http.post("/account/2fa/disable", data={"csrf_token": csrf_of(http), "code": current_code()})
        ).status_code
        == 200
    )
    assert [sms["body"] for sms in notices_to(http, E164)] == [notice(REMOVED), notice(ADDED)]


def test_finding_6_turning_the_app_on_and_off_all_day_sends_only_so_many_notices(http, clock):
    sign_in(http, PHONE)
    for _ in range(4):
        enrol(http)
        clock.advance(31)
        follow_shown_again(
            http, http.post("/account/2fa/disable", data={"csrf_token": csrf_of(http), "code": current_code()})
        )
        clock.advance(31)
    assert len(notices_to(http, E164)) == 6


def test_the_recovery_codes_are_shown_even_when_the_notice_cannot_be_sent(http, clock, monkeypatch):
    # The authenticator is on once the code came back; an outage while telling the
    # number must not hide the recovery codes, which are shown only this once.
    def redis_down(*_args, **_kwargs):
        raise redis.exceptions.ConnectionError("down")

    monkeypatch.setattr("idp.account.two_factor.send_sms", redis_down)
    sign_in(http, PHONE)
    assert len(enrol(http)) == 10
