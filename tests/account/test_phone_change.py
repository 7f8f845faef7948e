"""Changing the phone number (issue 4): a recent proof, a code to the new number,
a notice to the old one, and every other session ends."""

from sqlalchemy import select

from idp.extensions import db
from idp.models import BrowserSession, Citizen
from idp.phone_otp.otp import start_challenge
from idp.web.i18n import format_wait, translate_to
from tests.account.test_second_factor import current_code, enrol_and_sign_in_again
from tests.conftest import csrf_of, follow_shown_again, latest_sms, sign_in
from tests.oidc.flows import tokens_for

PHONE = "081234567890"
E164 = "+6281234567890"
NEW_PHONE = "081398765432"
NEW_E164 = "+6281398765432"
TAKEN = (
    "That number already has its own JAKI ID account, so it cannot be moved to this one. "
    "Sign in with that number to use that account, or enter another number."
)


def indonesian(message):
    return translate_to("id", message)


def post(http, url, data=None):
    """POST a form of the account pages, with the CSRF token the signed-in browser holds."""
    return follow_shown_again(http, http.post(url, data={"csrf_token": csrf_of(http), **(data or {})}))


def citizen(phone=None):
    """The citizen with that number (the only one when none is given), as stored now."""
    query = select(Citizen)
    if phone:
        query = query.where(Citizen.phone_number == phone)
    row = db.session.scalar(query)
    if row is not None:
        db.session.refresh(row)
    return row


def texts_to(http, number):
    return [sms for sms in http.get("/_dev/outbox").get_json() if sms["to"] == number]


def prove_with_sms(http):
    post(http, "/account/phone/current/send")
    return post(http, "/account/phone/current", {"code": latest_sms(http)["code"]})


def change_to(http, phone=NEW_PHONE):
    """From a fresh sign-in: prove it is you by SMS, then the new number and its code."""
    prove_with_sms(http)
    post(http, "/account/phone/new", {"phone": phone})
    return post(http, "/account/phone/new/code", {"code": latest_sms(http)["code"]})


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def browser_id_of(http):
    with http.session_transaction() as session:
        return session["browser_id"]


def test_a_code_to_the_current_number_proves_it_is_you(http):
    sign_in(http, PHONE)
    response = post(http, "/account/phone/current/send")
    assert response.location.endswith("/account/phone/current")
    assert latest_sms(http)["to"] == E164
    response = post(http, "/account/phone/current", {"code": latest_sms(http)["code"]})
    assert response.status_code == 303 and response.location.endswith("/account/phone/new")
    assert http.get("/account/phone/new").status_code == 200


def test_the_authenticator_app_proves_it_is_you_without_an_sms(http, clock):
    enrol_and_sign_in_again(http, clock)
    sent = len(http.get("/_dev/outbox").get_json())
    clock.advance(30)  # a fresh time step, not the one used to enrol
    response = post(http, "/account/phone/app", {"code": current_code()})
    assert response.status_code == 303 and response.location.endswith("/account/phone/new")
    assert len(http.get("/_dev/outbox").get_json()) == sent


def test_a_recovery_code_proves_it_is_you(http, clock):
    codes = enrol_and_sign_in_again(http, clock)
    response = post(http, "/account/phone/app", {"code": codes[0]})
    assert response.status_code == 303 and response.location.endswith("/account/phone/new")


def test_a_wrong_authenticator_code_proves_nothing(http, clock):
    enrol_and_sign_in_again(http, clock)
    assert post(http, "/account/phone/app", {"code": "000000"}).status_code == 400
    assert http.get("/account/phone/new").location.endswith("/account/phone")


def test_authenticator_guesses_are_limited_and_the_sms_stays_on_offer(http, app, monkeypatch, clock):
    monkeypatch.setitem(app.config, "SECOND_FACTOR_FAILURE_LIMIT", "2 per 15 minutes")
    enrol_and_sign_in_again(http, clock)
    post(http, "/account/phone/app", {"code": "000000"})
    post(http, "/account/phone/app", {"code": "000001"})
    clock.advance(30)
    response = post(http, "/account/phone/app", {"code": current_code()})
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    assert 'action="/account/phone/current/send"' in response.get_data(as_text=True)
    assert http.get("/account/phone/new").location.endswith("/account/phone")


def test_a_code_for_the_current_number_never_verifies_the_new_one(http):
    sign_in(http, PHONE)
    prove_with_sms(http)
    # A code sent to the new number, but for the other step: it is no code for this one.
    start_challenge(NEW_E164, "phone_change_old", browser_id_of(http), "id")
    response = post(http, "/account/phone/new/code", {"code": latest_sms(http)["code"]})
    assert response.location.endswith("/account/phone/new")
    assert citizen().phone_number == E164


def test_a_code_for_the_new_number_never_proves_the_current_one(http):
    sign_in(http, PHONE)
    # A code sent to the current number, but for the other step: it is no code for this one.
    start_challenge(E164, "phone_change_new", browser_id_of(http), "id")
    response = post(http, "/account/phone/current", {"code": latest_sms(http)["code"]})
    assert response.location.endswith("/account/phone")
    assert http.get("/account/phone/new").location.endswith("/account/phone")


def test_the_proof_expires(http, app, clock):
    sign_in(http, PHONE)
    prove_with_sms(http)
    clock.advance(app.config["PHONE_CHANGE_PROOF_TTL_SECONDS"])
    assert http.get("/account/phone/new").location.endswith("/account/phone")
    page = http.get("/account/phone?ui_locales=en").get_data(as_text=True)
    assert "Please prove it again." in page


def test_a_proof_made_in_another_session_does_not_count(http, app):
    other = app.test_client()
    sign_in(http, PHONE)
    sign_in(other, PHONE)
    prove_with_sms(http)
    assert http.get("/account/phone/new").status_code == 200
    # The proof is kept on the proving session's row, never in a cookie to copy.
    assert other.get("/account/phone/new").location.endswith("/account/phone")


def test_the_new_number_must_be_a_mobile_number(http):
    sign_in(http, PHONE)
    prove_with_sms(http)
    response = post(http, "/account/phone/new", {"phone": "0215551234"})
    assert response.status_code == 400
    assert indonesian("Use a mobile number that can receive SMS; landlines cannot.") in response.get_data(as_text=True)


def test_the_new_number_must_differ_from_the_current_one(http):
    sign_in(http, PHONE)
    prove_with_sms(http)
    sent = len(texts_to(http, E164))
    response = post(http, "/account/phone/new", {"phone": "+62 812-3456-7890"})
    assert response.status_code == 400
    assert indonesian("That is already your phone number. Enter the new one.") in response.get_data(as_text=True)
    assert len(texts_to(http, E164)) == sent


def test_the_number_changes_only_once_the_new_numbers_code_comes_back(http):
    sign_in(http, PHONE)
    prove_with_sms(http)
    post(http, "/account/phone/new", {"phone": NEW_PHONE})
    assert citizen().phone_number == E164
    assert post(http, "/account/phone/new/code", {"code": "000000"}).status_code == 400
    assert citizen().phone_number == E164
    response = post(http, "/account/phone/new/code", {"code": latest_sms(http)["code"]})
    assert response.status_code == 200
    assert citizen().phone_number == NEW_E164 and citizen().phone_number_verified


def test_the_old_number_is_told_in_indonesian(http):
    sign_in(http, PHONE)
    change_to(http)
    notice = texts_to(http, E164)[0]
    assert notice["body"].startswith("Nomor JAKI ID Anda telah diganti menjadi +62 813-****-5432.")
    assert notice["code"] is None and NEW_E164 not in notice["body"]


def test_the_old_number_is_told_in_the_citizens_language(http):
    sign_in(http, PHONE)
    citizen().locale = "en"
    db.session.commit()
    change_to(http)
    assert texts_to(http, E164)[0]["body"].startswith("Your JAKI ID number was changed to +62 813-****-5432.")


def test_other_sessions_end_and_this_one_stays(http, app):
    other = app.test_client()
    sign_in(other, PHONE)
    sign_in(http, PHONE)
    change_to(http)
    assert "/signin" in other.get("/account/").location
    assert NEW_E164 in http.get("/account/").get_data(as_text=True)
    live = db.session.scalars(select(BrowserSession).where(BrowserSession.ended_at.is_(None))).all()
    assert len(live) == 1


def test_tokens_issued_through_the_other_sessions_are_revoked(http, app, make_client):
    other = app.test_client()
    tokens = tokens_for(other, make_client(), phone=PHONE)
    sign_in(http, PHONE)
    change_to(http)
    assert http.get("/userinfo", headers=bearer(tokens["access_token"])).status_code == 401


def test_tokens_issued_through_this_session_keep_working_with_the_new_number(http, make_client):
    tokens = tokens_for(http, make_client(), phone=PHONE)
    change_to(http)
    response = http.get("/userinfo", headers=bearer(tokens["access_token"]))
    assert response.status_code == 200 and response.get_json()["phone_number"] == NEW_E164


def test_the_proof_is_spent_by_the_change(http):
    sign_in(http, PHONE)
    change_to(http)
    assert http.get("/account/phone/new").location.endswith("/account/phone")


def test_a_number_of_another_citizen_is_not_taken_over(http, app):
    owner = app.test_client()
    sign_in(owner, NEW_PHONE)
    owner_id = citizen(NEW_E164).id
    sign_in(http, PHONE)
    response = change_to(http)
    assert response.status_code == 409
    assert indonesian(TAKEN) in response.get_data(as_text=True)
    assert citizen(E164).id != owner_id
    assert citizen(NEW_E164).id == owner_id
    assert owner.get("/account/").status_code == 200  # their session lives on


def test_no_notice_goes_out_when_the_number_is_taken(http, app):
    sign_in(app.test_client(), NEW_PHONE)
    sign_in(http, PHONE)
    change_to(http)
    assert [sms["code"] is not None for sms in texts_to(http, E164)] == [True, True]  # sign-in, proof


def test_a_refused_resend_shows_the_wait(http):
    sign_in(http, PHONE)
    post(http, "/account/phone/current/send")
    response = post(http, "/account/phone/current/resend")
    assert response.status_code == 429
    wait = int(response.headers["Retry-After"])
    expected = indonesian("You can ask for a new code in {wait}.").format(wait=format_wait(wait))
    assert expected in response.get_data(as_text=True)


def test_sending_a_code_needs_the_csrf_token(http):
    sign_in(http, PHONE)
    sent = len(texts_to(http, E164))
    response = http.post("/account/phone/current/send")
    assert response.status_code == 400
    assert len(texts_to(http, E164)) == sent


def test_a_signed_out_visitor_signs_in_first_and_comes_back(http):
    assert "/signin" in http.get("/account/phone").location
    assert sign_in(http, PHONE).location.endswith("/account/phone")


def test_the_account_overview_links_to_the_phone_change(http):
    sign_in(http, PHONE)
    assert 'href="/account/phone"' in http.get("/account/").get_data(as_text=True)
