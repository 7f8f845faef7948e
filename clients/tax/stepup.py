"""Step-up: a bill is shown or paid only at a higher authentication assurance.

The service asks for it with `acr_values` (OpenID Connect Core §3.1.2.1) and
trusts only the `acr` claim in the validated ID token (§2), never its own
request: a provider that cannot satisfy `acr_values` still signs the citizen
in, at the level it could reach.
"""

from flask import current_app

DEFAULT_STEP_UP_ACR = "urn:jaki:loa:2"


def step_up_acr():
    return current_app.config["STEP_UP_ACR"]


def has_step_up(sign_in):
    return sign_in.acr == step_up_acr()


def step_up_fell_short(sign_in):
    """The citizen's last sign-in asked for step-up and came back without it."""
    return sign_in.requested_acr == step_up_acr() and not has_step_up(sign_in)
