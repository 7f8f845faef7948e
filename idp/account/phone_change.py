"""Changing a citizen's phone number: the recent proof it needs, and the change itself.

Issue 4: changing the phone needs a recent second proof (a code to the current
number, or the authenticator app) and a code to the new number; the old number
is told by SMS; every session but the current one ends, and every token not
issued through it is revoked. The pages that collect
the codes are idp/account/phone.py.
"""

import logging

from flask import current_app

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.clock import timestamp
from idp.extensions import db
from idp.models import BrowserSession, Citizen
from idp.phone_otp.phone import mask
from idp.phone_otp.sms import send_sms
from idp.phone_otp.sms_errors import SmsNotSent
from idp.services import citizens
from idp.services.browser_sessions import end_all_sessions
from idp.web.i18n import N_, translate_to

# Operators watch this logger for everything about SMS delivery (idp/phone_otp/sms_budget.py).
log = logging.getLogger("idp.sms")
NOTICE = N_("Your {service} number was changed to {phone}. If this wasn't you, contact {contact} right away.")


def record_proof(browser_session: BrowserSession) -> None:
    """The citizen just proved it is them, in this sign-in session only.

    Kept on the session row: after signing out, or in another browser, the proof is void.
    """
    browser_session.phone_change_proof_at = timestamp()
    db.session.commit()


def _proof_age_seconds(browser_session: BrowserSession) -> int | None:
    proven_at = browser_session.phone_change_proof_at
    return None if proven_at is None else timestamp() - proven_at


def has_recent_proof(browser_session: BrowserSession) -> bool:
    age = _proof_age_seconds(browser_session)
    return age is not None and 0 <= age < current_app.config["PHONE_CHANGE_PROOF_TTL_SECONDS"]


def proof_expired(browser_session: BrowserSession) -> bool:
    """A proof from this session that is too old now: the page says why it asks again."""
    return _proof_age_seconds(browser_session) is not None and not has_recent_proof(browser_session)


def change_number(citizen: Citizen, new_number: str, keep: BrowserSession) -> str:
    """Give the citizen the new number (its code came back); returns the old one.

    Raises citizens.NumberTaken when another citizen has it; nothing changes then.
    """
    citizens.check_number_free(citizen, new_number)
    old_number = citizen.phone_number
    citizens.set_number(citizen, new_number)
    # One proof, one change: the next change proves again.
    keep.phone_change_proof_at = None
    audit_log.append(audit.PHONE_CHANGED, citizen_id=citizen.id)
    # Whoever else is signed in may be the reason for the change: those browsers are
    # signed out like any sign-out, and every token services got other than through
    # this session is revoked (also from sessions that ended or timed out earlier: an
    # old refresh token must not go on to read the new number). This session's
    # tokens stay: services know the citizen by the pairwise sub, which the number
    # is no part of. end_all_sessions commits the number along with the rest.
    end_all_sessions(citizen.id, keep=keep)
    notify_old_number(old_number, new_number, citizen.locale)
    return old_number


def notify_old_number(old_number: str, new_number: str, locale: str) -> None:
    """Tell the old number, in the citizen's language; the new one only masked."""
    config = current_app.config
    body = translate_to(
        locale, NOTICE, service=config["SERVICE_NAME"], phone=mask(new_number), contact=config["SUPPORT_CONTACT"]
    )
    try:
        send_sms(old_number, body)
    except SmsNotSent:
        # The change is made and proven by both codes; a lost notice must not undo it.
        log.warning("phone change notice to %s not sent", mask(old_number))
