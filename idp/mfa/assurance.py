"""Authentication assurance levels (`acr`) and methods (`amr`, RFC 8176).

urn:jaki:loa:1  a phone proven by an SMS code
urn:jaki:loa:2  that, plus a TOTP authenticator (or a recovery code)

The second factor raises a session to loa:2 for ELEVATED_LEVEL_TTL_SECONDS;
then it falls back to loa:1 and a service that needs loa:2 asks again.
"""

from flask import current_app

from idp.clock import timestamp

LOA_PHONE = "urn:jaki:loa:1"
LOA_TOTP = "urn:jaki:loa:2"
LEVELS = (LOA_PHONE, LOA_TOTP)


def reached(session) -> tuple[str, list[str]]:
    """The (acr, amr) this session has right now."""
    ttl = current_app.config["ELEVATED_LEVEL_TTL_SECONDS"]
    if session.second_factor_at is not None and timestamp() - session.second_factor_at < ttl:
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
