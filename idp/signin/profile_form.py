"""The citizen's name and date of birth, as typed into a form."""

import re
import unicodedata
from datetime import date

from idp.clock import now
from idp.web.i18n import N_
from idp.web.i18n import gettext as _

# What a browser's date input sends (HTML "valid date string"): 1990-08-17.
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# As Indonesians write a date, day first, in a text box where a browser has no date
# input: 17/08/1990, 17-08-1990, 17.08.1990. The year has four digits, so no order
# between 1990-08-17 and 17-08-1990 is in doubt, and "90" is no year (which century?).
DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
BIRTHDATE_FORMAT = N_("Enter your date of birth as day, month, year: for example 17/08/1990.")


def _read_date(raw: str) -> date:
    text = raw.strip()
    if match := ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := DAY_FIRST.fullmatch(text):
        day, _separator, month, year = match.groups()
    else:
        raise ValueError(BIRTHDATE_FORMAT)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # 31/02/1990, or the month in the middle over 12 (08/17/1990)
        raise ValueError(N_("That date does not exist. Enter the day, then the month, then the year.")) from None


def parse_birthdate(raw: str) -> date:
    value = _read_date(raw)
    if not date(1900, 1, 1) <= value <= now().date():
        raise ValueError(N_("Enter a real date of birth."))
    return value


# Invisible characters a name has no use for: controls, format characters (among them
# the bidirectional overrides that make "Budi" display as someone else in the services
# and staff pages the name reaches), private-use code points and lone surrogates.
INVISIBLE = ("Cc", "Cf", "Co", "Cs")


def has_invisible_characters(name: str) -> bool:
    return any(unicodedata.category(character) in INVISIBLE for character in name)


def tidy_name(raw: str) -> str:
    return " ".join(raw.split())


def name_problem(name: str) -> str | None:
    """Why a (tidied) name cannot be a citizen's: an English msgid, or None."""
    if not 2 <= len(name) <= 200:
        return N_("Enter your full name.")
    if has_invisible_characters(name):
        return N_("Enter your name with letters, spaces and punctuation only.")
    return None


def apply_profile(citizen, form: dict) -> dict:
    """Set name and birthdate from `form` if both are valid; return the errors."""
    errors = {}
    name = tidy_name(form["name"])
    if problem := name_problem(name):
        errors["name"] = _(problem)
    try:
        birthdate = parse_birthdate(form["birthdate"])
    except ValueError as error:
        errors["birthdate"] = _(str(error))
    if not errors:
        citizen.name = name
        citizen.birthdate = birthdate
        citizen.updated_at = now()
    return errors
