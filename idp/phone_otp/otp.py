"""One-time codes that prove a phone number.

A challenge is bound to one E.164 number, one purpose and one browser; the
code is stored as a digest, lives OTP_TTL_SECONDS and allows OTP_MAX_ATTEMPTS
tries. A code therefore never verifies another number, browser or purpose.
Codes are sent only within the abuse controls of idp/otp_limits.py.
"""

import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.audit.pseudonyms import number_pseudonym
from idp.clock import now
from idp.extensions import db, rows_changed
from idp.models import OtpChallenge
from idp.operations import metrics
from idp.phone_otp import otp_limits
from idp.phone_otp.sms import send_sms
from idp.phone_otp.sms_errors import BudgetExhausted, SmsNotSent
from idp.phone_otp.sms_text import sms_text
from idp.security import digest, random_token
from idp.web.i18n import N_
from idp.web.typed_codes import digits_code

SIGN_IN = "sign_in"


class OtpError(Exception):
    """A reason the citizen can read (an i18n key)."""


def _new_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def _code_digest(challenge_id: str, code: str) -> str:
    # Salted with the challenge id: equal codes in two challenges differ at rest.
    return digest(f"{challenge_id}:{code}")


def start_challenge(
    phone_number: str, purpose: str, browser_id: str, locale: str, client_name: str | None = None
) -> OtpChallenge:
    """Send a code to `phone_number` for this browser.

    Raises otp_limits.TooSoon when the abuse controls say not now, and
    sms.SmsNotSent when the message could not leave; then nothing is stored.
    """
    code = _new_code()
    challenge_id = random_token()
    details = {"purpose": purpose, "number": number_pseudonym(phone_number)}
    try:
        with otp_limits.sending(otp_limits.requester(phone_number, browser_id)):
            send_sms(phone_number, sms_text(code, locale, client_name), code=code)
    except Exception as refusal:
        metrics.CODES_REFUSED.labels(_refusal_reason(refusal)).inc()
        if isinstance(refusal, otp_limits.TooSoon):
            audit_log.append(audit.LIMIT_HIT, actor=audit_log.ANONYMOUS, details={"limit": "otp_sending", **details})
            db.session.commit()
        raise
    metrics.CODES_SENT.labels(purpose).inc()
    # Stored only once the SMS left: a failed send leaves no challenge behind.
    challenge = OtpChallenge(
        id=challenge_id,
        phone_number=phone_number,
        purpose=purpose,
        browser_id=browser_id,
        code_digest=_code_digest(challenge_id, code),
        expires_at=now() + timedelta(seconds=current_app.config["OTP_TTL_SECONDS"]),
    )
    db.session.add(challenge)
    audit_log.append(audit.OTP_CODE_SENT, actor=audit_log.ANONYMOUS, details=details)
    db.session.commit()
    return challenge


def _refusal_reason(refusal: Exception) -> str:
    if isinstance(refusal, otp_limits.TooSoon):
        return "limit"
    if isinstance(refusal, BudgetExhausted):
        return "budget"
    if isinstance(refusal, SmsNotSent):
        return "gateway"
    return "unavailable"  # the limits could not be read (Redis down): never sent unlimited


def newest_pending(browser_id: str, purpose: str, since) -> OtpChallenge | None:
    """The newest code this browser asked for, for `purpose`, since `since`, that has not come back."""
    return db.session.scalar(
        select(OtpChallenge)
        .where(
            OtpChallenge.browser_id == browser_id,
            OtpChallenge.purpose == purpose,
            OtpChallenge.verified_at.is_(None),
            OtpChallenge.created_at >= since,
        )
        .order_by(OtpChallenge.created_at.desc())
        .limit(1)
    )


def why_spent(challenge: OtpChallenge) -> str | None:
    """Why no code, not even the right one, can verify this challenge any more (an i18n
    key), or None while one can: the code pages then offer only a new code."""
    if challenge.attempts >= current_app.config["OTP_MAX_ATTEMPTS"]:
        return N_("Too many wrong codes. Ask for a new code.")
    if now() >= challenge.expires_at:
        return N_("The code has expired. Ask for a new code.")
    return None


def verify(challenge_id: str, code: str, purpose: str, browser_id: str) -> OtpChallenge:
    """Return the challenge once its code came back; raise OtpError otherwise."""
    challenge = db.session.get(OtpChallenge, challenge_id) if challenge_id else None
    if (
        challenge is None
        or challenge.purpose != purpose
        or not hmac.compare_digest(challenge.browser_id, browser_id)
        or challenge.verified_at is not None
    ):
        raise OtpError("This code request is no longer valid. Ask for a new code.")
    if now() >= challenge.expires_at:
        raise _refused(challenge, "expired", OtpError("The code has expired. Ask for a new code."))
    max_attempts = current_app.config["OTP_MAX_ATTEMPTS"]
    # Count the attempt atomically before comparing, so parallel guesses all count.
    counted = rows_changed(
        update(OtpChallenge)
        .where(OtpChallenge.id == challenge_id, OtpChallenge.attempts < max_attempts)
        .values(attempts=OtpChallenge.attempts + 1)
    )
    db.session.commit()
    if not counted:
        raise _refused(challenge, "locked", OtpError("Too many wrong codes. Ask for a new code."))
    # Digits from any keyboard count as the digits they are (idp/web/typed_codes.py).
    typed = digits_code(code) or ""
    if not hmac.compare_digest(challenge.code_digest, _code_digest(challenge_id, typed)):
        db.session.refresh(challenge)
        if challenge.attempts >= max_attempts:
            audit_log.append(audit.OTP_CHALLENGE_EXHAUSTED, actor=audit_log.ANONYMOUS, details=_about(challenge))
            raise _refused(challenge, "wrong_code", OtpError("Too many wrong codes. Ask for a new code."))
        raise _refused(challenge, "wrong_code", OtpError("That code is not correct. Check the SMS and try again."))
    # Single use: only one request can mark it verified.
    won = rows_changed(
        update(OtpChallenge)
        .where(OtpChallenge.id == challenge_id, OtpChallenge.verified_at.is_(None))
        .values(verified_at=now())
    )
    db.session.commit()
    if not won:
        raise OtpError("This code request is no longer valid. Ask for a new code.")
    return challenge


def _about(challenge: OtpChallenge) -> dict:
    return {"purpose": challenge.purpose, "number": number_pseudonym(challenge.phone_number)}


def _refused(challenge: OtpChallenge, reason: str, error: OtpError) -> OtpError:
    """Log a code that did not verify (who owns the number is not looked up: known and
    unknown numbers take the same path), and the error to raise."""
    event = audit.SIGNIN_FAILED if challenge.purpose == SIGN_IN else audit.OTP_CODE_FAILED
    details = {"step": "sms_code", "reason": reason, "attempts": challenge.attempts, **_about(challenge)}
    audit_log.append(event, actor=audit_log.ANONYMOUS, details=details)
    db.session.commit()
    return error
