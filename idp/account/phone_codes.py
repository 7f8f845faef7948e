"""The SMS codes of a phone change: one to the current number, one to the new.

Each has its own OTP purpose, so a code for one never verifies the other
(idp/phone_otp/otp.py binds a challenge to number, purpose and browser). The
code on its way is the newest challenge of its purpose that this browser asked
for in this sign-in session; its row holds the number, so nothing about it is
kept in the browser.
"""

from flask import request

from idp.models import OtpChallenge
from idp.phone_otp import otp_limits
from idp.phone_otp.otp import OtpError, newest_pending, start_challenge, verify
from idp.services.browser_sessions import browser_id, current_session
from idp.web.i18n import current_locale

CURRENT_NUMBER = "phone_change_old"
NEW_NUMBER = "phone_change_new"


def send_code(purpose: str, number: str) -> None:
    """Text a code to `number`; otp_limits.TooSoon and SmsNotSent propagate, then nothing was sent."""
    start_challenge(number, purpose, browser_id(), current_locale())


def code_on_its_way(purpose: str) -> OtpChallenge | None:
    session = current_session()
    if session is None:
        return None
    # Asked for in this sign-in: not by whoever used this browser before.
    return newest_pending(browser_id(), purpose, since=session.created_at)


def number_on_its_way(purpose: str) -> str | None:
    challenge = code_on_its_way(purpose)
    return challenge.phone_number if challenge else None


def check_code(purpose: str, number: str) -> OtpChallenge:
    """The challenge, once the code sent to `number` came back in this browser; OtpError otherwise."""
    pending = code_on_its_way(purpose)
    if pending is None or pending.phone_number != number:
        raise OtpError("This code request is no longer valid. Ask for a new code.")
    challenge = verify(pending.id, request.form.get("code", ""), purpose, browser_id())
    # As at sign-in: this browser now holds the number, so it gets its own lane for codes to it.
    otp_limits.remember_owner(number, browser_id())
    return challenge
