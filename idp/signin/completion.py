"""Between "the code came back" and "signed in": the profile and, for a
citizen who set one up, the authenticator.

What is remembered in the browser is the verified challenge's random id, not
the citizen's internal id (it never leaves the provider); it is honoured only
in the browser that verified it, and only for a short while.
"""

from datetime import timedelta

from flask import current_app, redirect, session
from sqlalchemy import select

from idp.clock import now, timestamp
from idp.extensions import db
from idp.models import Citizen, OtpChallenge
from idp.services.browser_sessions import browser_id, record_second_factor, start_session
from idp.signin.flow import continue_flow, here

VERIFIED = "verified_challenge"


def remember_verified(challenge: OtpChallenge):
    session[VERIFIED] = challenge.id


def pending_citizen() -> Citizen | None:
    """The citizen whose number this browser just proved, if still fresh."""
    challenge_id = session.get(VERIFIED)
    challenge = db.session.get(OtpChallenge, challenge_id) if challenge_id else None
    ttl = timedelta(seconds=current_app.config["OTP_TTL_SECONDS"] * 2)
    if (
        challenge is None
        or challenge.verified_at is None
        or challenge.browser_id != browser_id()
        or now() - challenge.verified_at > ttl
    ):
        return None
    return db.session.scalar(select(Citizen).where(Citizen.phone_number == challenge.phone_number))


def next_step(citizen: Citizen, interaction):
    """Profile first for a new citizen, then the authenticator if they have one."""
    if not citizen.has_profile:
        return redirect(here("signin.profile", interaction), code=303)
    if citizen.has_totp:
        return redirect(here("signin.authenticator", interaction), code=303)
    return finish(citizen, interaction, amr=["sms"])


def finish(citizen: Citizen, interaction, amr: list[str], second_factor: bool = False):
    session.pop(VERIFIED, None)
    browser_session = start_session(citizen, amr=amr)
    if second_factor:
        record_second_factor(browser_session)
    if interaction is not None:
        interaction.authenticated_at = timestamp()
        db.session.commit()
    return continue_flow(interaction)
