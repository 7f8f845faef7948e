"""The SMS codes of a phone change: one to the current number, one to the new.

Each has its own OTP purpose, so a code for one never verifies the other
(idp/otp.py binds a challenge to number, purpose and browser). The code on its
way is remembered in the signed session under its purpose, with its number.
"""

from flask import request, session

from idp.models import OtpChallenge
from idp.phone_otp import otp_limits
from idp.phone_otp.otp import OtpError, start_challenge, verify
from idp.services.browser_sessions import browser_id
from idp.web.i18n import current_locale

CURRENT_NUMBER = "phone_change_old"
NEW_NUMBER = "phone_change_new"


def send_code(purpose: str, number: str) -> None:
    """Text a code to `number`; otp_limits.TooSoon and sms.SmsNotSent propagate, then nothing was sent."""
    challenge = start_challenge(number, purpose, browser_id(), current_locale())
    session[purpose] = {"challenge": challenge.id, "number": number}


def number_on_its_way(purpose: str) -> str | None:
    return (session.get(purpose) or {}).get("number")


def check_code(purpose: str, number: str) -> OtpChallenge:
    """The challenge, once the code sent to `number` came back in this browser; OtpError otherwise."""
    pending = session.get(purpose) or {}
    challenge = verify(pending.get("challenge"), request.form.get("code", ""), purpose, browser_id())
    if challenge.phone_number != number:
        raise OtpError("This code request is no longer valid. Ask for a new code.")
    session.pop(purpose, None)
    # As at sign-in: this browser now holds the number, so it gets its own lane for codes to it.
    otp_limits.remember_owner(number, browser_id())
    return challenge


def forget_codes() -> None:
    for purpose in (CURRENT_NUMBER, NEW_NUMBER):
        session.pop(purpose, None)
