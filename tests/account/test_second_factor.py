"""TOTP enrolment, replay, recovery codes, turning off, and step-up to loa:2."""

import re
import time

import pyotp
from sqlalchemy import select, update

from idp.extensions import db
from idp.mfa import totp
from idp.models import BrowserSession, Citizen, RecoveryCode
from tests.conftest import AuthRequest, post_form, sign_in
from tests.oidc.flows import PHONE, id_claims, tokens_for

LOA2 = "urn:jaki:loa:2"


def citizen():
    row = db.session.scalar(select(Citizen))
    db.session.refresh(row)
    return row


def current_code(at=None):
    secret = totp.decrypt(citizen().totp_secret_encrypted)
    return pyotp.TOTP(secret).at(at or time.time())


def enrol(http):
    """Set up TOTP through the pages; returns the recovery codes shown."""
    page = http.get("/account/2fa/setup").get_data(as_text=True)
    assert 'src="data:image/svg+xml;base64,' in page
    response = post_form(http, "/account/2fa/setup", {"code": current_code()})
    assert response.status_code == 200, response.get_data(as_text=True)
    return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.get_data(as_text=True))


def enrol_and_sign_in_again(http, clock):
    """Set up the app a while into one sign-in, then sign in again with the SMS code and
    the app: it counts from that sign-in on (idp/mfa/assurance.py). The recovery codes."""
    sign_in(http, PHONE)
    clock.advance(5)
    codes = enrol(http)
    clock.advance(31)  # the app's next code: the one that enrolled is spent
    response = sign_in(http, PHONE)
    assert "/signin/authenticator" in response.location
    post_form(http, response.location, {"code": current_code()})
    return codes


def forget_second_factor():
    """As if the loa:2 window had passed, without moving the clock."""
    db.session.execute(update(BrowserSession).values(second_factor_at=None))
    db.session.commit()


def test_enrolment_shows_the_secret_as_text_and_a_qr_code(http):
    sign_in(http, PHONE)
    page = http.get("/account/2fa/setup?ui_locales=en").get_data(as_text=True)
    secret = totp.decrypt(citizen().totp_secret_encrypted)
    assert secret in page and "QR code" in page
    assert not citizen().has_totp  # nothing counts until a code comes back


def test_enrolment_needs_a_valid_code(http):
    sign_in(http, PHONE)
    http.get("/account/2fa/setup")
    assert post_form(http, "/account/2fa/setup", {"code": "000000"}).status_code == 400
    assert not citizen().has_totp


def test_enrolment_gives_ten_recovery_codes_stored_as_argon2id(http):
    sign_in(http, PHONE)
    codes = enrol(http)
    assert len(codes) == 10 and len(set(codes)) == 10
    hashes = db.session.scalars(select(RecoveryCode.code_hash)).all()
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any(code in h for code in codes for h in hashes)


def test_secret_is_encrypted_at_rest(http):
    sign_in(http, PHONE)
    enrol(http)
    row = citizen()
    assert totp.decrypt(row.totp_secret_encrypted).encode() not in row.totp_secret_encrypted


def test_a_totp_code_is_accepted_once_rfc6238_5_2(http, make_client, clock):
    client = make_client()
    enrol_and_sign_in_again(http, clock)
    clock.advance(60)  # a fresh time step, not the one used to enrol
    code = current_code()
    forget_second_factor()
    response = AuthRequest(client, acr_values=LOA2).start(http)
    assert post_form(http, response.location, {"code": code}).status_code == 302
    forget_second_factor()
    response = AuthRequest(client, acr_values=LOA2).start(http)
    assert post_form(http, response.location, {"code": code}).status_code == 400


def test_step_up_without_new_sms_gives_loa2_and_mfa(http, make_client, clock):
    client = make_client()
    enrol_and_sign_in_again(http, clock)
    sent = len(http.get("/_dev/outbox").get_json())
    forget_second_factor()
    clock.advance(31)
    auth = AuthRequest(client, acr_values=LOA2)
    response = auth.start(http)
    assert "/signin/authenticator" in response.location
    post_form(http, response.location, {"code": current_code()})
    claims = id_claims(tokens_for(http, AuthRequest(client, acr_values=LOA2)))
    assert claims["acr"] == LOA2
    assert claims["amr"] == ["sms", "otp", "mfa"]
    assert len(http.get("/_dev/outbox").get_json()) == sent


def test_loa1_request_on_a_loa1_session_is_silent(http, make_client):
    claims = id_claims(tokens_for(http, make_client(), acr_values="urn:jaki:loa:1"))
    assert claims["acr"] == "urn:jaki:loa:1"
    assert claims["amr"] == ["sms"]


def test_elevated_level_expires_and_falls_back(http, make_client, clock):
    client = make_client()
    enrol_and_sign_in_again(http, clock)  # signing in with the app elevates the session
    clock.advance(15 * 60 + 1)
    assert id_claims(tokens_for(http, client))["acr"] == "urn:jaki:loa:1"
    assert "/signin/authenticator" in AuthRequest(client, acr_values=LOA2).start(http).location


def test_recovery_code_steps_up_once(http, make_client, clock):
    client = make_client()
    codes = enrol_and_sign_in_again(http, clock)
    forget_second_factor()
    response = AuthRequest(client, acr_values=LOA2).start(http)
    assert post_form(http, response.location, {"code": codes[0].upper()}).status_code == 302
    forget_second_factor()
    response = AuthRequest(client, acr_values=LOA2).start(http)
    assert post_form(http, response.location, {"code": codes[0]}).status_code == 400


def test_citizen_without_totp_is_offered_enrolment(http, make_client):
    client = make_client()
    auth = AuthRequest(client, acr_values=LOA2)
    response = auth.start(http)
    response = http.get(sign_in(http, PHONE, response.location).location)
    assert "/signin/authenticator/offer" in response.location


def test_declining_enrolment_gives_unmet_authentication_requirements(http, make_client):
    client = make_client()
    auth = AuthRequest(client, acr_values=LOA2)
    response = http.get(sign_in(http, PHONE, auth.start(http).location).location)
    result = auth.result(post_form(http, response.location, {"decision": "decline"}))
    assert result["error"] == "unmet_authentication_requirements"
    assert result["state"] == auth.state


def test_prompt_none_needing_step_up_is_interaction_required(http, make_client):
    client = make_client()
    tokens_for(http, client)
    auth = AuthRequest(client, acr_values=LOA2, prompt="none")
    assert auth.result(auth.start(http))["error"] == "interaction_required"


def test_turning_off_needs_a_fresh_second_factor(http, clock):
    sign_in(http, PHONE)
    enrol(http)
    assert post_form(http, "/account/2fa/disable", {"code": "000000"}).status_code == 400
    assert citizen().has_totp
    clock.advance(31)
    assert post_form(http, "/account/2fa/disable", {"code": current_code()}).status_code == 200
    assert not citizen().has_totp
    assert db.session.scalar(select(RecoveryCode)) is None


def test_discovery_lists_both_levels(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert metadata["acr_values_supported"] == ["urn:jaki:loa:1", LOA2]


def test_wrong_codes_are_limited_per_citizen(http, make_client, clock):
    client = make_client()
    enrol_and_sign_in_again(http, clock)
    forget_second_factor()
    for _ in range(5):
        response = AuthRequest(client, acr_values=LOA2).start(http)
        assert post_form(http, response.location, {"code": "000000"}).status_code == 400
    response = AuthRequest(client, acr_values=LOA2).start(http)
    refused = post_form(http, response.location, {"code": current_code()})
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    clock.advance(15 * 60 + 1)  # the window moves on: never locked out for good
    response = AuthRequest(client, acr_values=LOA2).start(http)
    assert post_form(http, response.location, {"code": current_code()}).status_code == 302


def test_input_not_shaped_like_a_recovery_code_costs_no_hashing(http, monkeypatch):
    from idp.mfa import second_factor

    sign_in(http, PHONE)
    enrol(http)
    calls = []

    class CountingHasher:
        def verify(self, *args):
            calls.append(args)

    monkeypatch.setattr(second_factor, "_hasher", CountingHasher())
    assert not second_factor.accept_recovery_code(citizen(), "x" * 5000)
    assert calls == []


def test_using_the_authenticator_does_not_change_updated_at(http, make_client, clock):
    # updated_at is a profile claim services see; a sign-in step changes no profile.
    enrol_and_sign_in_again(http, clock)
    before = citizen().updated_at
    clock.advance(60)
    forget_second_factor()
    response = AuthRequest(make_client(), acr_values=LOA2).start(http)
    assert post_form(http, response.location, {"code": current_code()}).status_code == 302
    assert citizen().updated_at == before
