"""How the account pages name claims and times for a person (not a protocol)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from idp.web.i18n import N_, current_locale

JAKARTA = ZoneInfo("Asia/Jakarta")

# Each claim a service can receive, as the citizen would call it. acr and amr both say how.
CLAIM_LABELS = {
    "sub": N_("An identifier for you at this service"),
    "acr": N_("How you signed in"),
    "amr": N_("How you signed in"),
    "auth_time": N_("When you signed in"),
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


def jakarta_time(moment: datetime) -> str:
    """'3 Des 2026 14.05 WIB': the city's time, in the page's language."""
    local = moment.astimezone(JAKARTA)
    return f"{format_datetime(local, 'd MMM y HH.mm', locale=current_locale())} WIB"
