"""Who may book, and from which day, given the date of birth.

Older citizens are at most risk, so they may book from the first day of the
campaign; other adults a few days later. Children are vaccinated at school and
at posyandu, not through this service.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from clients.common.claims import parse_birthdate

ADULT_AGE_YEARS = 18
PRIORITY_AGE_YEARS = 60
ADULT_WAIT_DAYS = 3


@dataclass(frozen=True)
class Eligibility:
    age_years: int | None
    group: str
    eligible: bool
    earliest_day: date | None = None


def age_on(birthdate, day):
    had_birthday = (day.month, day.day) >= (birthdate.month, birthdate.day)
    return day.year - birthdate.year - (0 if had_birthday else 1)


def eligibility(birthdate_claim, today, campaign_start):
    birthdate = parse_birthdate(birthdate_claim)
    if birthdate is None:
        return Eligibility(None, "Tanggal lahir tidak diketahui", eligible=False)
    age = age_on(birthdate, today)
    if age >= PRIORITY_AGE_YEARS:
        return Eligibility(age, "Lansia (prioritas)", True, max(today, campaign_start))
    if age >= ADULT_AGE_YEARS:
        start = campaign_start + timedelta(days=ADULT_WAIT_DAYS)
        return Eligibility(age, "Dewasa", True, max(today, start))
    return Eligibility(age, "Anak dan remaja", eligible=False)
