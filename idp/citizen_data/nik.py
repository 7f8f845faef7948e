"""The NIK (Nomor Induk Kependudukan): 16 digits that say where and when a citizen was born.

Digits 1-2 are the province, 3-4 the regency or city, 5-6 the district (kecamatan) where it
was issued (Permendagri 72/2019 region codes); 7-12 the date of birth as DDMMYY, with 40
added to the day for women; 13-16 a serial number, never 0000 (UU 24/2013, Perpres 112/2013).
"""

from dataclasses import dataclass
from datetime import date

from idp.web.i18n import N_

# The province codes (the first two digits), Aceh (11) to Papua Barat Daya (96).
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53}
    | {61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96}
)
WOMEN_DAY_OFFSET = 40


@dataclass(frozen=True)
class NikProblem:
    message: str  # English msgid, translated where it is shown
    # What disagrees: the NIK itself, or the date of birth or gender it was checked against.
    about: str = "nik"


def normalise(value: str) -> str:
    """What people type: spaces, dots or dashes between groups of digits."""
    return "".join(ch for ch in value if ch not in " .-")


def problem(nik: str, birthdate: date | None, gender: str | None) -> NikProblem | None:
    """Why `nik` cannot be this citizen's (born on `birthdate`, of `gender`), or None."""
    if len(nik) != 16 or not nik.isascii() or not nik.isdigit():
        return NikProblem(N_("A NIK has exactly 16 digits."))
    if int(nik[0:2]) not in PROVINCES or nik[2:4] == "00" or nik[4:6] == "00":
        return NikProblem(N_("The first six digits of this NIK are not a region code."))
    if nik[12:16] == "0000":
        return NikProblem(N_("The last four digits of a NIK are never 0000."))
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > WOMEN_DAY_OFFSET
    if female:
        day -= WOMEN_DAY_OFFSET
    if birthdate is None:
        return NikProblem(N_("Add your date of birth first: a NIK contains it."), "birthdate")
    if (day, month, year) != (birthdate.day, birthdate.month, birthdate.year % 100):
        return NikProblem(N_("The date of birth in this NIK (digits 7 to 12) is not yours."), "birthdate")
    if gender == "female" and not female:
        return NikProblem(N_("For women, the NIK adds 40 to the day of birth."), "gender")
    if gender == "male" and female:
        return NikProblem(
            N_("This NIK is a woman's (40 added to the day of birth), but your gender is male."), "gender"
        )
    return None
