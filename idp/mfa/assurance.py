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
from idp.protocol import claims_request
from idp.protocol.errors import UnmetAuthenticationRequirements

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
    """The first level we know of those asked for, in order of preference: the `acr` of the
    `claims` parameter (OIDC Core 5.5.1.1), else `acr_values` (3.1.2.1)."""
    wanted, _essential = claims_request.requested_acr(params)
    for value in wanted or (params.get("acr_values") or "").split():
        if value in LEVELS:
            return value
    return None


def reported(session, params: dict) -> tuple[str, list[str]]:
    """The (acr, amr) to put in the code: what the session reached, except that an essential
    `acr` (OIDC Core 5.5.1.1) MUST be one of its values. Levels nest (loa:2 is loa:1 and
    more), so a session at loa:2 asked for loa:1 alone reports loa:1; amr stays what was used."""
    acr, amr = reached(session)
    wanted, essential = claims_request.requested_acr(params)
    if essential and acr not in wanted:
        met = [level for level in LEVELS[: LEVELS.index(acr) + 1] if level in wanted]
        acr = met[-1] if met else acr  # none met: needs_step_up asked for more before any code
    return acr, amr


def essential_acr_is_reachable(request, client) -> UnmetAuthenticationRequirements | None:
    """A REDIRECT_CHECK (idp/protocol/authorization_request.py): OIDC Core 5.5.1.1, an essential
    `acr` none of whose values we have is a failed authentication; no sign-in could meet it,
    so the client hears it at once."""
    wanted, essential = claims_request.requested_acr(request.params)
    if essential and not set(wanted) & set(LEVELS):
        return UnmetAuthenticationRequirements("None of the requested acr values is offered (essential acr).")
    return None


def needs_step_up(session, params: dict) -> str | None:
    if requested(params) == LOA_TOTP and reached(session)[0] != LOA_TOTP:
        return "acr_loa2"
    return None
