"""Step-up: a bill is shown or paid only at a higher authentication assurance.

The service asks for it with `acr_values` (OpenID Connect Core §3.1.2.1) and
trusts only the `acr` claim in the validated ID token (§2), never its own
request: a provider that cannot satisfy `acr_values` still signs the citizen
in, at the level it could reach.
"""

import time

from flask import current_app

DEFAULT_STEP_UP_ACR = "urn:jaki:loa:2"
# As long as JAKI ID's own loa:2 lasts (ELEVATED_LEVEL_TTL_SECONDS): a level proven
# earlier than this pays no bill. The step-up sends it as max_age, so auth_time comes back.
DEFAULT_STEP_UP_MAX_AGE_SECONDS = 15 * 60


def step_up_acr():
    return current_app.config["STEP_UP_ACR"]


def step_up_max_age():
    return current_app.config["STEP_UP_MAX_AGE_SECONDS"]


def level_is_fresh(sign_in):
    """The sign-in that reached the level is no older than the step-up's max_age."""
    auth_time = sign_in.id_token_claims.get("auth_time")
    return isinstance(auth_time, int) and time.time() - auth_time <= step_up_max_age()


def has_step_up(sign_in):
    return sign_in.acr == step_up_acr() and level_is_fresh(sign_in)


def step_up_fell_short(sign_in):
    """The citizen's last sign-in asked for step-up and came back without the level
    (a level that only grew old is asked for again instead)."""
    return sign_in.requested_acr == step_up_acr() and sign_in.acr != step_up_acr()
