"""How the account pages name claims for a person (not a protocol). Times: idp/web/times.py."""

from idp.web.i18n import N_

# Each claim a service can receive, as the citizen would call it. acr and amr both say how.
CLAIM_LABELS = {
    "sub": N_("An identifier for you at this service"),
    "acr": N_("How you signed in"),
    "amr": N_("How you signed in"),
    "auth_time": N_("When you signed in"),
    "sid": N_("Your sign-in session (so that signing out ends it there too)"),
    "name": N_("Name"),
    "birthdate": N_("Date of birth"),
    "gender": N_("Gender"),
    "locale": N_("Language"),
    "updated_at": N_("When your profile last changed"),
    "phone_number": N_("Phone number"),
    "phone_number_verified": N_("Whether your phone number is verified"),
    "address": N_("Address"),
    "nik": N_("NIK"),
}


def claim_labels(names) -> list[str]:
    """The msgids for these claim names, each once, in the order given (unknown names as they are)."""
    return list(dict.fromkeys(CLAIM_LABELS.get(name, name) for name in names))


def claim_order(name: str) -> int:
    """Where a claim comes in a list: the identifier first, then as CLAIM_LABELS has them."""
    order = list(CLAIM_LABELS)
    return order.index(name) if name in order else len(order)
