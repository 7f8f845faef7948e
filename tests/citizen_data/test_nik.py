"""NIK validation: 16 digits, a region code, the date of birth (+40 on the day for women)."""

from datetime import date

import pytest

from idp.citizen_data.nik import normalise, problem

BORN = date(1990, 5, 17)
# 31 71 03 = DKI Jakarta, Jakarta Pusat, a kecamatan; 170590 = 17 May 1990; 0001 the serial.
MAN = "3171031705900001"
WOMAN = "3171035705900001"  # 17 + 40 = 57


@pytest.mark.parametrize(
    ("nik", "gender"),
    [(MAN, "male"), (WOMAN, "female"), (MAN, None), (WOMAN, None), ("1101011705900002", "male")],
)
def test_valid_niks(nik, gender):
    assert problem(nik, BORN, gender) is None


@pytest.mark.parametrize(
    ("nik", "gender", "message"),
    [
        ("317103170590001", "male", "exactly 16 digits"),  # 15 digits
        ("31710317059000012", "male", "exactly 16 digits"),  # 17 digits
        ("31710317059O0001", "male", "exactly 16 digits"),  # a letter O
        ("３１７１０３１７０５９００００１", "male", "exactly 16 digits"),  # full-width digits
        ("9971031705900001", "male", "region code"),  # no province 99
        ("2071031705900001", "male", "region code"),  # no province 20
        ("3100031705900001", "male", "region code"),  # regency 00
        ("3171001705900001", "male", "region code"),  # district 00
        ("3171031705900000", "male", "0000"),
        ("3171031805900001", "male", "not yours"),  # the 18th
        ("3171031706900001", "male", "not yours"),  # June
        ("3171031705910001", "male", "not yours"),  # 1991
        ("3171033205900001", None, "not yours"),  # day 32 is no day, nor 72 a woman's
        (MAN, "female", "adds 40"),
        (WOMAN, "male", "woman's"),
    ],
)
def test_invalid_niks(nik, gender, message):
    found = problem(nik, BORN, gender)
    assert found is not None and message in found.message


def test_a_nik_needs_the_date_of_birth():
    found = problem(MAN, None, "male")
    assert found is not None and "date of birth" in found.message


def test_spaces_dots_and_dashes_between_groups_are_ignored():
    assert normalise("31.71.03 170590-0001") == MAN
