"""One-time codes: bound to one number, one purpose, one browser; 5 minutes; 5 tries."""

import pytest
from sqlalchemy import select

from idp.extensions import db
from idp.models import Citizen, OtpChallenge, SmsOutboxMessage
from idp.phone_otp.otp import SIGN_IN, OtpError, start_challenge, verify
from tests.conftest import follow_shown_again, latest_sms, post_form


def request_code(http, phone="081234567890"):
    return post_form(http, "/signin", {"phone": phone})


def test_send_code_goes_to_the_typed_number_and_shows_it_masked(http):
    response = request_code(http)
    assert response.status_code == 303
    sms = latest_sms(http)
    assert sms["to"] == "+6281234567890"
    assert len(sms["code"]) == 6 and sms["code"].isdigit()
    assert "+62 812-****-7890" in http.get(response.location).get_data(as_text=True)


def test_sms_text_says_never_share_and_carries_the_webotp_line(http):
    request_code(http)
    sms = latest_sms(http)
    assert "Jangan pernah berikan kode ini" in sms["body"]
    assert sms["body"].endswith(f"@id.jakarta.test #{sms['code']}")


def test_outbox_lists_newest_first_with_the_stable_fields(http):
    request_code(http, "081111111111")
    request_code(http, "082233445566")
    messages = http.get("/_dev/outbox").get_json()
    assert [m["to"] for m in messages[:2]] == ["+6282233445566", "+6281111111111"]
    assert set(messages[0]) == {"to", "body", "code", "sent_at"}


def test_right_code_verifies_the_number_it_was_sent_to(http):
    request_code(http)
    response = post_form(http, "/signin/code", {"code": latest_sms(http)["code"]})
    assert response.status_code == 303
    citizen = db.session.scalar(select(Citizen))
    assert citizen.phone_number == "+6281234567890"
    assert citizen.phone_number_verified is True


def test_landline_gets_a_readable_error_and_no_sms(http):
    response = request_code(http, "021 5551234")
    assert response.status_code == 400
    assert "telepon rumah" in response.get_data(as_text=True)
    assert http.get("/_dev/outbox").get_json() == []


def test_wrong_code_is_refused_and_nothing_is_verified(http):
    request_code(http)
    code = latest_sms(http)["code"]
    wrong = "000000" if code != "000000" else "111111"
    response = post_form(http, "/signin/code", {"code": wrong})
    assert response.status_code == 400
    assert db.session.scalar(select(Citizen)) is None


def test_code_for_number_a_never_verifies_number_b(http):
    request_code(http, "081111111111")
    code_for_a = latest_sms(http)["code"]
    request_code(http, "082222222222")  # the citizen corrects the number
    post_form(http, "/signin/code", {"code": code_for_a})
    assert db.session.scalar(select(Citizen).where(Citizen.phone_number == "+6282222222222")) is None


def test_code_does_not_work_in_another_browser(http, app):
    code_page = request_code(http).location  # names this browser's sign-in
    code = latest_sms(http)["code"]
    other = app.test_client()
    response = post_form(other, code_page, {"code": code})
    assert response.status_code == 400
    assert db.session.scalar(select(Citizen)) is None


def test_code_does_not_work_for_another_purpose(app):
    with app.test_request_context():
        challenge = start_challenge("+6281234567890", "phone_change", "browser-1", "id")
        code = db.session.scalars(select(SmsOutboxMessage)).one().code
        with pytest.raises(OtpError):
            verify(challenge.id, code, SIGN_IN, "browser-1")


def test_code_expires_after_five_minutes(http, clock):
    request_code(http)
    code = latest_sms(http)["code"]
    clock.advance(301)
    response = post_form(http, "/signin/code", {"code": code})
    assert response.status_code == 400
    assert "kedaluwarsa" in response.get_data(as_text=True)


def test_five_wrong_attempts_kill_the_challenge(http):
    request_code(http)
    code = latest_sms(http)["code"]
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        post_form(http, "/signin/code", {"code": wrong})
    response = post_form(http, "/signin/code", {"code": code})
    assert response.status_code == 400
    assert db.session.scalar(select(Citizen)) is None


def test_a_code_works_once(http, app):
    request_code(http)
    code = latest_sms(http)["code"]
    challenge = db.session.scalar(select(OtpChallenge))
    challenge_id, browser = challenge.id, challenge.browser_id
    post_form(http, "/signin/code", {"code": code})
    with app.test_request_context(), pytest.raises(OtpError):
        verify(challenge_id, code, SIGN_IN, browser)


def test_code_is_stored_as_a_digest(http):
    request_code(http)
    code = latest_sms(http)["code"]
    challenge = db.session.scalar(select(OtpChallenge))
    assert code not in challenge.code_digest


def test_new_phone_completes_a_profile(http):
    request_code(http)
    response = post_form(http, "/signin/code", {"code": latest_sms(http)["code"]})
    assert "/signin/profile" in response.location
    response = post_form(http, "/signin/profile", {"name": "Siti  Rahma", "birthdate": "1990-05-17"})
    assert response.status_code == 302
    citizen = db.session.scalar(select(Citizen))
    assert citizen.name == "Siti Rahma"
    assert citizen.birthdate.isoformat() == "1990-05-17"


def test_bad_birthdate_keeps_what_was_typed(http):
    request_code(http)
    post_form(http, "/signin/code", {"code": latest_sms(http)["code"]})
    response = post_form(http, "/signin/profile?ui_locales=en", {"name": "Siti Rahma", "birthdate": "17-05-90"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "for example 17/08/1990" in page and 'value="Siti Rahma"' in page and 'value="17-05-90"' in page


def test_future_birthdate_is_refused(http):
    request_code(http)
    post_form(http, "/signin/code", {"code": latest_sms(http)["code"]})
    response = post_form(http, "/signin/profile", {"name": "Siti Rahma", "birthdate": "2999-01-01"})
    assert response.status_code == 400


def test_form_without_csrf_token_is_refused(http):
    http.get("/signin")
    response = follow_shown_again(http, http.post("/signin", data={"phone": "081234567890"}))
    assert response.status_code == 400
    assert http.get("/_dev/outbox").get_json() == []
