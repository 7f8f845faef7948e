"""The citizen's name and date of birth, as typed into a form."""

import unicodedata
from datetime import date

from idp.clock import now
from idp.web.i18n import N_
from idp.web.i18n import gettext as _


def parse_birthdate(raw: str) -> date:
    try:
        value = date.fromisoformat(raw.strip())
    except ValueError:
        raise ValueError(N_("Enter your date of birth as YYYY-MM-DD.")) from None
    if not date(1900, 1, 1) <= value <= now().date():
        raise ValueError(N_("Enter a real date of birth."))
    return value


# Invisible characters a name has no use for: controls, format characters (among them
# the bidirectional overrides that make "Budi" display as someone else in the services
# and staff pages the name reaches), private-use code points and lone surrogates.
INVISIBLE = ("Cc", "Cf", "Co", "Cs")


def has_invisible_characters(name: str) -> bool:
    return any(unicodedata.category(character) in INVISIBLE for character in name)


def apply_profile(citizen, form: dict) -> dict:
    """Set name and birthdate from `form` if both are valid; return the errors."""
    errors = {}
    name = " ".join(form["name"].split())
    if not 2 <= len(name) <= 200:
        errors["name"] = _("Enter your full name.")
    elif has_invisible_characters(name):
        errors["name"] = _("Enter your name with letters, spaces and punctuation only.")
    try:
        birthdate = parse_birthdate(form["birthdate"])
    except ValueError as error:
        errors["birthdate"] = _(str(error))
    if not errors:
        citizen.name = name
        citizen.birthdate = birthdate
    return errors
