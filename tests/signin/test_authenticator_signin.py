"""A citizen who set up an authenticator signs in with the SMS code and then it."""

import time

import pyotp
from sqlalchemy import select

from idp.extensions import db
from idp.mfa import totp
from idp.models import BrowserSession, Citizen
from tests.account.test_second_factor import enrol
from tests.conftest import AuthRequest, latest_sms, post_form, sign_in
from tests.oidc.flows import PHONE, id_claims


def enrolled_citizen(app):
    """Enrol TOTP in one browser; return a code function for a later time."""
    browser = app.test_client()
    sign_in(browser, PHONE)
    enrol(browser)
    secret = totp.decrypt(db.session.scalar(select(Citizen)).totp_secret_encrypted)
    return lambda: pyotp.TOTP(secret).at(time.time())


def sms_step(http, location="/signin"):
    suffix = location[location.index("?") :] if "?" in location else ""
    post_form(http, "/signin" + suffix, {"phone": PHONE})
    return post_form(http, "/signin/code" + suffix, {"code": latest_sms(http)["code"]})


def test_sms_code_alone_does_not_sign_in_a_citizen_with_an_authenticator(http, app, clock):
    enrolled_citizen(app)
    clock.advance(31)
    response = sms_step(http)
    assert "/signin/authenticator" in response.location
    assert "/signin" in http.get("/account/").location


def test_authenticator_code_completes_sign_in_at_loa2(http, app, make_client, clock):
    code = enrolled_citizen(app)
    clock.advance(31)
    client = make_client()
    auth = AuthRequest(client)
    response = sms_step(http, auth.start(http).location)
    response = post_form(http, response.location, {"code": code()})
    response = http.get(response.location)
    if "/consent" in response.location:
        response = post_form(http, response.location, {"decision": "allow"})
    result = auth.result(auth.follow_to_client(http, response))
    claims = id_claims(auth.token_request(http, result["code"]).get_json())
    assert claims["acr"] == "urn:jaki:loa:2"
    assert claims["amr"] == ["sms", "otp", "mfa"]


def test_wrong_authenticator_code_does_not_sign_in(http, app, clock):
    enrolled_citizen(app)
    clock.advance(31)
    response = sms_step(http)
    assert post_form(http, response.location, {"code": "000000"}).status_code == 400
    live = db.session.scalars(select(BrowserSession).where(BrowserSession.ended_at.is_(None))).all()
    assert len(live) == 1  # only the browser that enrolled


def test_verified_sms_step_does_not_carry_to_another_browser(http, app, clock):
    code = enrolled_citizen(app)
    clock.advance(31)
    sms_step(http)
    with http.session_transaction() as session:
        stolen = dict(session)
    other = app.test_client()
    with other.session_transaction() as session:
        session.update({k: v for k, v in stolen.items() if k != "browser_id"})
    response = post_form(other, "/signin/authenticator", {"code": code()})
    assert "/signin" in response.location and "authenticator" not in response.location


def test_browser_cookie_never_holds_the_internal_citizen_id(http, app):
    sign_in(http, PHONE)
    citizen_id = db.session.scalar(select(Citizen.id))
    with http.session_transaction() as session:
        assert citizen_id not in repr(dict(session))


def test_sms_code_alone_cannot_edit_the_profile_of_a_citizen_with_an_authenticator(http, app, clock):
    enrolled_citizen(app)
    clock.advance(31)
    sms_step(http)
    post_form(http, "/signin/profile", {"name": "Someone Else", "birthdate": "2000-01-01"})
    assert db.session.scalar(select(Citizen.name)) == "Budi Santoso"
