"""Sign-in test helpers: a clock the test moves, browsers on their own IPs, and
the two ways to ask for a code (the phone page and the resend button)."""

import time

import pytest

from tests.conftest import csrf_of, post_form

PHONE = "081234567890"
PHONE_E164 = "+6281234567890"


class Clock:
    """time.time() frozen at the start of the test; moves only when told.

    Flask-Limiter's storages (memory and Redis) and idp/clock.py all read
    time.time(), so windows, cooldowns and budgets move with it.
    """

    def __init__(self, monkeypatch):
        self.now = time.time()
        monkeypatch.setattr(time, "time", lambda: self.now)

    def advance(self, seconds: float):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def browser(app):
    """Another browser (its own cookies), on the given IP address."""

    def make(ip="127.0.0.1"):
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = ip
        return other

    return make


def ask_for_code(http, phone=PHONE, query=""):
    return post_form(http, "/signin" + query, {"phone": phone})


def press_resend(http, query=""):
    """On the code page, press "Send a new code"."""
    http.get("/signin/code" + query)
    return http.post("/signin/code/resend" + query, data={"csrf_token": csrf_of(http)})


def sms_count(http):
    return len(http.get("/_dev/outbox").get_json())
