"""Finding 11: parallel requests for codes to one number send one SMS, not two.

The review got 2 SMS out of 20 simultaneous requests: the per-number rules were
read before the per-number lock was taken, so a request could pass them while
another one was sending and take the lock the moment that one let go.
"""

from idp.phone_otp import otp_limits, sms
from tests.conftest import post_form
from tests.security.parallel import Crowd

NUMBER = "081234567890"
E164 = "+6281234567890"
REQUESTS = 20


def a_browser(app, n):
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = f"10.11.0.{n}"
    return browser


def test_finding_11_twenty_parallel_requests_for_one_number_send_one_code(app, http, monkeypatch):
    browsers = [a_browser(app, n) for n in range(REQUESTS)]
    for browser in browsers:
        browser.get("/signin")  # each has its CSRF token, as a page in a browser would
    crowd = Crowd(REQUESTS)
    # The first request to read the per-number rules waits there until all others are done.
    monkeypatch.setattr(otp_limits, "seconds_to_wait", crowd.hold(otp_limits.seconds_to_wait, first_only=True))

    responses = crowd.run(
        [lambda browser=browser: post_form(browser, "/signin", {"phone": NUMBER}) for browser in browsers]
    )

    sent = [sms for sms in http.get("/_dev/outbox").get_json() if sms["to"] == E164]
    assert len(sent) == 1
    assert sorted(response.status_code for response in responses) == [303] + [429] * (REQUESTS - 1)


def test_finding_11_parallel_sends_cannot_overspend_the_daily_budget(app, http, monkeypatch):
    monkeypatch.setitem(app.config, "SMS_DAILY_BUDGET", 1)
    browsers = [a_browser(app, n) for n in range(REQUESTS)]
    for browser in browsers:
        browser.get("/signin")
    crowd = Crowd(REQUESTS)
    # The first request past the budget waits to send until all others are done.
    monkeypatch.setattr(sms, "backend", crowd.hold(sms.backend, first_only=True))
    numbers = [f"0812345678{n:02d}" for n in range(REQUESTS)]

    crowd.run(
        [
            lambda browser=browser, number=number: post_form(browser, "/signin", {"phone": number})
            for browser, number in zip(browsers, numbers, strict=True)
        ]
    )

    assert len(http.get("/_dev/outbox").get_json()) == 1
