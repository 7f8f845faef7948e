"""Sign-in test helpers: browsers on their own IPs, and the two ways to ask
for a code (the phone page and the resend button). The clock is tests/clock.py."""

import pytest

from tests.conftest import csrf_of, follow_shown_again, post_form

PHONE = "081234567890"
PHONE_E164 = "+6281234567890"


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
    return follow_shown_again(http, http.post("/signin/code/resend" + query, data={"csrf_token": csrf_of(http)}))


def sms_count(http):
    return len(http.get("/_dev/outbox").get_json())
