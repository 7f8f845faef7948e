"""Issue 13 (a): the code page on a phone. Locked or expired, it offers only a new code;
the wait for one ticks down with a static script, and works without one."""

import re

from tests.conftest import latest_sms, post_form
from tests.signin.conftest import ask_for_code, press_resend

EN = "?ui_locales=en"
LOCKED = "Too many wrong codes. Ask for a new code."


def wrong_code(http):
    return "000000" if latest_sms(http)["code"] != "000000" else "111111"


def enter_wrong_codes(http, app, times=None):
    wrong = wrong_code(http)
    for _ in range(times or app.config["OTP_MAX_ATTEMPTS"]):
        response = post_form(http, "/signin/code" + EN, {"code": wrong})
    return response


def offers_only_a_new_code(page):
    return 'name="code"' not in page and ">Verify<" not in page and "Send a new code" in page


def test_issue13_a_after_five_wrong_codes_only_a_new_code_is_offered(http, app, clock):
    ask_for_code(http)
    response = enter_wrong_codes(http, app)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert LOCKED in page and offers_only_a_new_code(page)


def test_issue13_a_the_locked_page_stays_locked_when_opened_again(http, app, clock):
    ask_for_code(http)
    enter_wrong_codes(http, app)
    page = http.get("/signin/code" + EN).get_data(as_text=True)
    assert LOCKED in page and offers_only_a_new_code(page)


def test_issue13_a_before_the_last_try_the_code_box_stays(http, app, clock):
    ask_for_code(http)
    page = enter_wrong_codes(http, app, app.config["OTP_MAX_ATTEMPTS"] - 1).get_data(as_text=True)
    assert 'name="code"' in page and "That code is not correct." in page


def test_issue13_a_a_new_code_after_the_lockout_brings_the_code_box_back(http, app, clock):
    ask_for_code(http)
    enter_wrong_codes(http, app)
    clock.advance(30)
    assert press_resend(http).status_code == 303
    assert 'name="code"' in http.get("/signin/code" + EN).get_data(as_text=True)
    assert post_form(http, "/signin/code", {"code": latest_sms(http)["code"]}).status_code == 303


def test_issue13_a_an_expired_code_offers_only_a_new_code(http, app, clock):
    ask_for_code(http)
    clock.advance(app.config["OTP_TTL_SECONDS"])
    page = http.get("/signin/code" + EN).get_data(as_text=True)
    assert "The code has expired. Ask for a new code." in page and offers_only_a_new_code(page)


def test_issue13_a_the_wait_is_given_to_a_static_countdown_script(http, clock):
    ask_for_code(http)
    page = http.get("/signin/code" + EN).get_data(as_text=True)
    assert re.search(r'id="resend-status"[^>]* data-countdown="30"', page)
    assert 'data-template="No SMS yet? You can ask for a new code in {wait}."' in page
    assert 'data-ready="No SMS yet?"' in page
    assert '<script src="/static/countdown.js" defer></script>' in page
    # The CSP is script-src 'self': every script is a file, none inline.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/countdown.js" defer>']


def test_issue13_a_without_javascript_the_button_is_enabled_and_says_the_wait(http, clock):
    ask_for_code(http)
    page = http.get("/signin/code" + EN).get_data(as_text=True)
    assert "You can ask for a new code in 0:30." in page
    assert "disabled" not in page
    refused = press_resend(http, EN)
    assert refused.status_code == 429
    assert "You can ask for a new code in 0:30." in refused.get_data(as_text=True)


def test_issue13_a_a_refused_resend_ticks_too(http, clock):
    ask_for_code(http)
    page = press_resend(http, EN).get_data(as_text=True)
    assert 'data-countdown="30"' in page and 'data-template="You can ask for a new code in {wait}."' in page


def test_issue13_a_no_countdown_once_a_new_code_may_be_asked_for(http, clock):
    ask_for_code(http)
    clock.advance(30)
    page = http.get("/signin/code" + EN).get_data(as_text=True)
    assert "data-countdown" not in page and "countdown.js" not in page


def test_issue13_a_the_countdown_script_is_served_from_the_provider(http):
    response = http.get("/static/countdown.js")
    assert response.status_code == 200
    assert response.mimetype in ("text/javascript", "application/javascript")


def test_issue13_a_once_locked_a_new_code_is_the_main_button_and_its_wait_ticks(http, app, clock):
    ask_for_code(http)
    page = enter_wrong_codes(http, app).get_data(as_text=True)
    assert '<button type="submit" aria-describedby="resend-status">Send a new code</button>' in page
    assert 'data-template="You can ask for a new code in {wait}."' in page
    assert 'data-ready="You can ask for a new code now."' in page
    assert "No SMS yet?" not in page


def test_issue13_a_the_locked_page_is_in_indonesian_too(http, app, clock):
    ask_for_code(http)
    enter_wrong_codes(http, app)
    page = http.get("/signin/code").get_data(as_text=True)
    assert "Terlalu banyak kode salah. Minta kode baru." in page and "Kirim kode baru" in page
    assert 'name="code"' not in page
