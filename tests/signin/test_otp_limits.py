"""Abuse controls on sending codes: per number, per IP, per browser; every limit expires."""

import pytest

from idp.phone_otp import otp_limits
from tests.conftest import latest_sms, post_form
from tests.signin.conftest import PHONE, PHONE_E164, ask_for_code, press_resend, sms_count

EN = "?ui_locales=en"
MINUTE = 60
DAY = 24 * 3600


def code_page(http):
    return http.get("/signin/code" + EN).get_data(as_text=True)


def sign_in_here(http, phone=PHONE):
    ask_for_code(http, phone)
    return post_form(http, "/signin/code", {"code": latest_sms(http)["code"]})


def test_cooldown_grows_30_then_60_then_120_seconds_and_stops_at_the_max(app):
    with app.test_request_context():
        assert [otp_limits.cooldown_seconds(n) for n in range(1, 8)] == [30, 60, 120, 240, 480, 900, 900]


def test_code_page_shows_the_wait_and_a_send_a_new_code_button(http, clock):
    ask_for_code(http)
    page = code_page(http)
    assert "You can ask for a new code in 0:30." in page
    assert "Send a new code" in page


def test_new_code_too_soon_is_refused_with_the_time_left(http, clock):
    ask_for_code(http)
    clock.advance(12)
    response = press_resend(http, EN)
    assert response.status_code == 429
    assert "You can ask for a new code in 0:18." in response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "18"
    assert sms_count(http) == 1


def test_after_the_cooldown_a_new_code_replaces_the_old_one(http, clock):
    ask_for_code(http)
    first = latest_sms(http)["code"]
    clock.advance(30)
    assert press_resend(http).status_code == 303
    second = latest_sms(http)["code"]
    statuses = [post_form(http, "/signin/code", {"code": code}).status_code for code in (first, second)]
    assert statuses == [400, 303]


def test_wait_after_the_second_code_is_one_minute(http, clock):
    ask_for_code(http)
    clock.advance(30)
    press_resend(http)
    assert "You can ask for a new code in 1:00." in code_page(http)


def test_pressing_resend_during_the_cooldown_does_not_make_the_wait_longer(http, clock, app, monkeypatch):
    monkeypatch.setitem(app.config, "OTP_PER_BROWSER_LIMIT", "3 per hour")
    ask_for_code(http)
    for _ in range(5):
        press_resend(http)
    clock.advance(30)
    assert press_resend(http).status_code == 303


def test_same_number_again_too_soon_returns_to_the_code_already_sent(http, clock):
    ask_for_code(http)
    response = ask_for_code(http)
    assert response.status_code == 303 and "/signin/code" in response.location
    assert sms_count(http) == 1


def send_three_codes(http, clock):
    """Three codes in 90 seconds, each after its cooldown (30 s, 60 s)."""
    ask_for_code(http)
    for wait in (30, 60):
        clock.advance(wait)
        assert press_resend(http).status_code == 303


def test_at_most_three_codes_per_number_in_15_minutes(http, clock):
    send_three_codes(http, clock)
    clock.advance(10 * MINUTE)  # past the growing cooldown (120 s), inside the window
    response = press_resend(http, EN)
    assert response.status_code == 429
    # The window frees 15 minutes after the first code: 900 - 90 - 600 = 210 s (rounded up).
    assert "You can ask for a new code in 3:31." in response.get_data(as_text=True)
    assert sms_count(http) == 3


def test_after_the_wait_shown_the_15_minute_window_lets_a_code_through(http, clock):
    send_three_codes(http, clock)
    clock.advance(10 * MINUTE)
    refused = press_resend(http)
    clock.advance(int(refused.headers["Retry-After"]))
    assert press_resend(http).status_code == 303
    assert sms_count(http) == 4


def send_ten_codes(http, clock):
    ask_for_code(http)
    for _ in range(9):
        clock.advance(16 * MINUTE)  # past every cooldown and the 15-minute window
        assert press_resend(http).status_code == 303


def test_at_most_ten_codes_per_number_a_day(http, clock):
    send_ten_codes(http, clock)
    clock.advance(16 * MINUTE)
    response = press_resend(http, EN)
    assert response.status_code == 429
    # The first code leaves the day window 24 h after it was sent: 24 h - 160 min (rounded up).
    assert "You can ask for a new code in 21:20:01." in response.get_data(as_text=True)
    assert sms_count(http) == 10


def test_after_the_wait_shown_the_day_window_lets_a_code_through(http, clock):
    send_ten_codes(http, clock)
    clock.advance(16 * MINUTE)
    refused = press_resend(http)
    clock.advance(int(refused.headers["Retry-After"]))
    # Hours later the sign-in itself has expired: the citizen starts again from the number.
    assert ask_for_code(http).status_code == 303
    assert sms_count(http) == 11


def test_one_ip_address_can_ask_for_only_so_many_codes(browser, app, monkeypatch):
    monkeypatch.setitem(app.config, "OTP_PER_IP_LIMIT", "3 per hour")
    for n in range(3):
        assert ask_for_code(browser("10.1.1.1"), f"08123456780{n}").status_code == 303
    response = ask_for_code(browser("10.1.1.1"), "081234567809")
    assert response.status_code == 429
    assert ask_for_code(browser("10.2.2.2"), "081234567809").status_code == 303


def test_one_browser_can_ask_for_only_so_many_codes(http, browser, app, monkeypatch):
    monkeypatch.setitem(app.config, "OTP_PER_BROWSER_LIMIT", "2 per hour")
    for n in range(2):
        assert ask_for_code(http, f"08123456780{n}").status_code == 303
    assert ask_for_code(http, "081234567809").status_code == 429
    assert ask_for_code(browser(), "081234567809").status_code == 303


def test_refused_phone_page_keeps_the_number_and_says_when_to_try_again(http, browser, clock):
    ask_for_code(browser("10.9.9.9"))
    response = post_form(http, "/signin" + EN, {"phone": "0812 3456 7890"})
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert 'value="0812 3456 7890"' in page
    assert "You can ask for a new code in 0:30." in page


def strangers_use_up_the_number(browser, clock):
    """An attacker asks for three codes for PHONE, from a fresh browser and IP each time."""
    for n, wait in enumerate((0, 30, 60)):
        clock.advance(wait)
        assert ask_for_code(browser(f"10.6.6.{n}")).status_code == 303


def test_stranger_using_up_a_number_holds_its_owner_back_only_until_the_window_moves(http, browser, clock):
    strangers_use_up_the_number(browser, clock)
    owner = http
    refused = ask_for_code(owner)
    assert refused.status_code == 429
    clock.advance(int(refused.headers["Retry-After"]))
    assert ask_for_code(owner).status_code == 303
    assert latest_sms(owner)["to"] == PHONE_E164


def test_owner_who_signed_in_here_before_is_not_held_back_by_strangers(http, browser, clock):
    owner = http
    sign_in_here(owner)
    clock.advance(DAY)
    strangers_use_up_the_number(browser, clock)
    assert ask_for_code(browser("10.7.7.7")).status_code == 429
    assert ask_for_code(owner).status_code == 303


def test_owners_own_lane_still_counts_against_the_numbers_quota(http, browser, clock):
    sign_in_here(http)
    clock.advance(DAY)
    ask_for_code(http)
    assert ask_for_code(browser("10.7.7.7")).status_code == 429


def test_signing_in_on_a_second_device_right_away_needs_no_wait(http, browser, clock):
    sign_in_here(http)
    assert ask_for_code(browser()).status_code == 303


def test_two_requests_for_one_number_at_the_same_moment_send_one_code(app):
    with app.test_request_context():
        first = otp_limits.requester(PHONE_E164, "browser-1")
        second = otp_limits.requester(PHONE_E164, "browser-2")
        with otp_limits.sending(first):
            with pytest.raises(otp_limits.TooSoon):
                with otp_limits.sending(second):
                    pass
