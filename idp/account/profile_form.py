"""The account's profile form: name, date of birth, gender and NIK, checked together.

A NIK repeats the date of birth (digits 7 to 12, day first) and says a woman's by adding
40 to the day (idp/citizen_data/nik.py). So the four are one form: a citizen who mistyped
the date corrects it and the NIK at once, and a new date or gender that the saved NIK
contradicts is refused, saying what the NIK holds, rather than leaving a NIK that every
service would receive as wrong. The saved NIK is never shown in full: its field starts
empty and keeps it; a NIK typed there replaces it; removing it is a button of its own.
"""

from datetime import date

from idp.citizen_data import GENDERS
from idp.citizen_data.nik import WOMEN_DAY_OFFSET, NikProblem, normalise, problem
from idp.clock import now
from idp.signin.profile_form import name_problem, parse_birthdate, tidy_name
from idp.web.i18n import N_
from idp.web.i18n import gettext as _
from idp.web.times import long_date

FIELDS = ("name", "birthdate", "gender", "nik")
GENDER_CHOICES = (("female", N_("Female")), ("male", N_("Male")), ("", N_("I would rather not say")))


def masked_nik(nik: str | None) -> str | None:
    """The last four digits: enough to recognise one's own NIK, too little to use it."""
    return "•••• •••• •••• " + nik[-4:] if nik else None


def shown_form(citizen) -> dict[str, str]:
    """The form as the citizen's saved profile fills it (the NIK's field starts empty)."""
    return {
        "name": citizen.name or "",
        "birthdate": citizen.birthdate.isoformat() if citizen.birthdate else "",
        "gender": citizen.gender or "",
        "nik": "",
    }


def posted_form(posted) -> dict[str, str]:
    return {name: posted.get(name, "") for name in FIELDS}


def check(citizen, form: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """The values to save, and what is wrong by field (translated). Nothing is saved
    while there is an error; the form then shows what was typed."""
    errors: dict[str, str] = {}
    name = tidy_name(form["name"])
    if found := name_problem(name):
        errors["name"] = _(found)
    birthdate: date | None = None
    try:
        birthdate = parse_birthdate(form["birthdate"])
    except ValueError as error:
        errors["birthdate"] = _(str(error))
    gender = form["gender"] or None
    if gender not in (None, *GENDERS):
        errors["gender"] = _("Choose one of the options.")
        gender = None
    typed = normalise(form["nik"])
    if typed:
        if nik_error := _typed_nik_error(typed, birthdate, gender):
            errors["nik"] = nik_error
    elif citizen.nik and birthdate and "gender" not in errors:
        if saved := problem(citizen.nik, birthdate, gender):
            errors[saved.about] = _saved_nik_error(saved, citizen.nik, gender)
    values = {"name": name, "birthdate": birthdate, "gender": gender, "nik": typed or citizen.nik}
    return values, errors


def _typed_nik_error(nik: str, birthdate: date | None, gender: str | None) -> str | None:
    found = problem(nik, birthdate, gender)
    if found is None or (found.about == "birthdate" and birthdate is None):
        return None  # a date that could not be read says so itself; the NIK is checked again with it
    if found.about == "birthdate":
        assert birthdate is not None
        day, rest = birthdate.day, birthdate.strftime("%m%y")
        return _(
            "Digits 7 to 12 of a NIK are the date of birth, day first: yours, {date}, is written {man} "
            "({woman} for a woman, whose NIK adds 40 to the day). This NIK has {found}.",
            date=long_date(birthdate),
            man=f"{day:02d}{rest}",
            woman=f"{day + WOMEN_DAY_OFFSET}{rest}",
            found=nik[6:12],
        )
    if found.about == "gender":
        return _gender_words(nik, gender, mine=False)
    return _(found.message)


def _saved_nik_error(found: NikProblem, nik: str, gender: str | None) -> str:
    if found.about == "gender":
        return _gender_words(nik, gender, mine=True)
    return _(
        "Your NIK ending in {last4} says you were born on {date}. "
        "If that date was wrong too, type your correct NIK below as well.",
        last4=nik[-4:],
        date=long_date(_birthdate_in(nik)),
    )


def _birthdate_in(nik: str) -> date | None:
    day, month, year = int(nik[6:8]) % WOMEN_DAY_OFFSET, int(nik[8:10]), int(nik[10:12])
    year += 2000 if 2000 + year <= now().year else 1900  # a NIK writes two digits
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _gender_words(nik: str, gender: str | None, mine: bool) -> str:
    """The +40 rule in plain words, with the citizen's own day of birth."""
    written = int(nik[6:8])
    day = written - WOMEN_DAY_OFFSET if written > WOMEN_DAY_OFFSET else written
    numbers = {"last4": nik[-4:], "day": str(day), "woman": str(day + WOMEN_DAY_OFFSET), "written": nik[6:8]}
    if gender == "female" and mine:
        return _(
            "Your NIK ending in {last4} is a man's. A woman's NIK adds 40 to the day of birth: for a woman born "
            "on day {day} of the month, digits 7 and 8 are {woman}, not {written}. "
            "If your NIK is wrong, type the correct one below as well.",
            **numbers,
        )
    if gender == "female":
        return _(
            "This NIK is a man's. A woman's NIK adds 40 to the day of birth: for a woman born on day {day} of "
            "the month, digits 7 and 8 are {woman}, and this NIK has {written}. "
            "Check the NIK on your KTP, or your gender.",
            **numbers,
        )
    if mine:
        return _(
            "Your NIK ending in {last4} is a woman's: its digits 7 and 8 are {written}, the day of birth ({day}) "
            "plus 40, as a woman's NIK writes it. If your NIK is wrong, type the correct one below as well.",
            **numbers,
        )
    return _(
        "This NIK is a woman's: its digits 7 and 8 are {written}, the day of birth ({day}) plus 40, as a "
        "woman's NIK writes it. Check the NIK on your KTP, or your gender.",
        **numbers,
    )
