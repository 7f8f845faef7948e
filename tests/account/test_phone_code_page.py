"""Issue 13 (a), its sibling on the phone change: the code pages of the account lock as
the sign-in's does, offering only a new code, and their wait ticks too."""

import re

from tests.account.test_phone_change import NEW_PHONE, post, prove_with_sms
from tests.conftest import latest_sms, sign_in
from tests.oidc.flows import PHONE

EN = "?ui_locales=en"


def wrong_codes(http, app, url):
    wrong = "000000" if latest_sms(http)["code"] != "000000" else "111111"
    for _ in range(app.config["OTP_MAX_ATTEMPTS"]):
        response = post(http, url + EN, {"code": wrong})
    return response


def offers_only_a_new_code(page):
    return 'name="code"' not in page and ">Verify<" not in page and "Send a new code" in page


def test_issue13_a_current_number_after_five_wrong_codes_only_a_new_code_is_offered(http, app, clock):
    sign_in(http, PHONE)
    post(http, "/account/phone/current/send")
    response = wrong_codes(http, app, "/account/phone/current")
    assert response.status_code == 400
    assert offers_only_a_new_code(response.get_data(as_text=True))
    page = http.get("/account/phone/current" + EN).get_data(as_text=True)
    assert "Too many wrong codes. Ask for a new code." in page and offers_only_a_new_code(page)


def test_issue13_a_new_number_after_five_wrong_codes_only_a_new_code_is_offered(http, app, clock):
    sign_in(http, PHONE)
    prove_with_sms(http)
    post(http, "/account/phone/new", {"phone": NEW_PHONE})
    wrong_codes(http, app, "/account/phone/new/code")
    page = http.get("/account/phone/new/code" + EN).get_data(as_text=True)
    assert "Too many wrong codes. Ask for a new code." in page and offers_only_a_new_code(page)


def test_issue13_a_an_expired_phone_change_code_offers_only_a_new_code(http, app, clock):
    sign_in(http, PHONE)
    post(http, "/account/phone/current/send")
    clock.advance(app.config["OTP_TTL_SECONDS"])
    page = http.get("/account/phone/current" + EN).get_data(as_text=True)
    assert "The code has expired. Ask for a new code." in page and offers_only_a_new_code(page)


def test_issue13_a_the_phone_change_wait_ticks_with_the_static_script(http, clock):
    sign_in(http, PHONE)
    clock.advance(60)  # the sign-in's own code is long answered
    post(http, "/account/phone/current/send")
    page = http.get("/account/phone/current" + EN).get_data(as_text=True)
    assert re.search(r'id="resend-status"[^>]* data-countdown="\d+"', page)
    assert '<script src="/static/countdown.js" defer></script>' in page
