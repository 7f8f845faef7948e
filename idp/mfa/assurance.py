"""Authentication assurance levels (`acr`) and methods (`amr`, RFC 8176).

urn:jaki:loa:1  a phone proven by an SMS code
urn:jaki:loa:2  that, plus a TOTP authenticator (or a recovery code)

The second factor raises a session to loa:2 for ELEVATED_LEVEL_TTL_SECONDS;
then it falls back to loa:1 and a service that needs loa:2 asks again.

An authenticator counts only in sign-ins that began after it was set up. Set
up during a session, it was added by whoever held that session: perhaps only
the SIM (a SIM swap), perhaps only a browser left signed in. Derived from the
citizen's `totp_enabled_at` and the session's `auth_time`, so nothing new is
stored and a re-enrolment counts from the next sign-in again.
"""

import math

from flask import current_app

from idp.clock import timestamp

LOA_PHONE = "urn:jaki:loa:1"
LOA_TOTP = "urn:jaki:loa:2"
LEVELS = (LOA_PHONE, LOA_TOTP)


def authenticator_counts(session) -> bool:
    """The citizen has an authenticator that was set up before this session signed in."""
    enabled_at = session.citizen.totp_enabled_at
    # auth_time is whole seconds: one set up within the second of the sign-in (by whoever
    # just signed in with the SMS code) still counts, so a fresh sign-in is always enough.
    return enabled_at is not None and math.floor(enabled_at.timestamp()) <= session.auth_time


def reached(session) -> tuple[str, list[str]]:
    """The (acr, amr) this session has right now."""
    ttl = current_app.config["ELEVATED_LEVEL_TTL_SECONDS"]
    proven = session.second_factor_at is not None and timestamp() - session.second_factor_at < ttl
    if proven and authenticator_counts(session):
        return LOA_TOTP, ["sms", "otp", "mfa"]
    return LOA_PHONE, ["sms"]


def requested(params: dict) -> str | None:
    """The first level in `acr_values` we know (OIDC Core 3.1.2.1: in order of preference)."""
    for value in (params.get("acr_values") or "").split():
        if value in LEVELS:
            return value
    return None


def needs_step_up(session, params: dict) -> str | None:
    if requested(params) == LOA_TOTP and reached(session)[0] != LOA_TOTP:
        return "acr_loa2"
    return None
