"""Closing an account (UU PDP 27/2022 art. 8 and 16: erasure, withdrawal of consent).

Every table that can hold personal data about a citizen is erased here, in one
place, so a new table with personal data is added here too:
tests/privacy/test_account_closure.py walks every table after a closure.

What stays refers to the citizen only by the random `citizen.id`, which names
no one: the consent records (withdrawn by the closure), the disclosure records
and the audit log (by its pseudonym; numbers in it are keyed stand-ins). The
phone number is freed, so it can sign up again as a new citizen, with a new id
and so new pairwise subjects everywhere.
"""

from sqlalchemy import delete

from idp.audit import log as audit_log
from idp.audit import pseudonyms
from idp.audit import types as audit
from idp.clock import now
from idp.extensions import db
from idp.models import (
    AuthorizationCode,
    BrowserSession,
    Citizen,
    ConsentActor,
    Interaction,
    OtpChallenge,
    RecoveryCode,
    SmsOutboxMessage,
    Token,
)
from idp.services import browser_sessions, consents


def close_account(citizen: Citizen) -> None:
    """Withdraw every consent, end every session and token, then erase the personal data."""
    # Recorded in each consent's log as withdrawn by the closure; the services' tokens revoked.
    consents.withdraw_all(citizen.id, by=ConsentActor.ACCOUNT_CLOSURE)
    browser_sessions.end_all_sessions(citizen.id)  # signed out everywhere, every token revoked
    number = citizen.phone_number
    # Codes, tokens and sessions hold where and how the citizen signed in (addresses,
    # browsers, times, the session's sid): once ended they serve no one.
    db.session.execute(delete(Token).where(Token.citizen_id == citizen.id))
    db.session.execute(delete(AuthorizationCode).where(AuthorizationCode.citizen_id == citizen.id))
    db.session.execute(delete(BrowserSession).where(BrowserSession.citizen_id == citizen.id))
    db.session.execute(delete(Interaction).where(Interaction.citizen_id == citizen.id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.citizen_id == citizen.id))
    db.session.execute(delete(OtpChallenge).where(OtpChallenge.phone_number == number))
    db.session.execute(delete(SmsOutboxMessage).where(SmsOutboxMessage.to == number))
    _erase_profile(citizen)
    # The audit log names the citizen only by its pseudonym, and cannot be changed; from now
    # on no auditor can learn whom it named.
    audit_log.append(audit.ACCOUNT_CLOSED, citizen_id=citizen.id)
    pseudonyms.forget(db.session(), citizen.id)
    db.session.commit()


def _erase_profile(citizen: Citizen) -> None:
    citizen.phone_number = None  # type: ignore[assignment]  # NULL only for a closed account
    citizen.phone_number_verified = False
    citizen.name = None
    citizen.birthdate = None
    citizen.gender = None
    citizen.nik = None
    citizen.address = None
    citizen.locale = "id"
    citizen.totp_secret_encrypted = None
    citizen.totp_enabled_at = None
    citizen.totp_last_used_step = None
    citizen.closed_at = now()
