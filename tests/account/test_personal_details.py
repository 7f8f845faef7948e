"""Issue 9: citizens add and correct their gender and NIK at /account/profile.

The NIK holds the date of birth (digits 7 to 12) and, with 40 added to the day, says a
woman's (idp/citizen_data/nik.py): the form checks the three together, refuses a new date
or gender that the saved NIK contradicts, and never shows the saved NIK in full."""

import pytest
from sqlalchemy import select

from idp.extensions import db
from idp.models import Citizen
from tests.conftest import csrf_of, post_form, sign_in
from tests.oidc.flows import PHONE

BIRTHDATE = "1985-02-03"  # sign_in's citizen, Budi Santoso
MAN = "3171030302850001"  # 31 71 03: Jakarta Pusat; 030285: 3 February 1985
WOMAN = "3171034302850001"  # the day 3 + 40 = 43


def citizen() -> Citizen:
    db.session.expire_all()
    return db.session.scalar(select(Citizen))


def details(**changes):
    return {"name": "Budi Santoso", "birthdate": BIRTHDATE, "gender": "male", "nik": ""} | changes


@pytest.fixture
def http(http):
    sign_in(http, PHONE)
    return http


def english(http, url, data):
    return post_form(http, url + "?ui_locales=en", data)


def test_gender_and_nik_are_saved_and_the_post_redirects_to_the_overview(http):
    response = post_form(http, "/account/profile", details(nik=MAN))

    assert response.status_code == 303 and response.location.endswith("/account/")
    assert (citizen().gender, citizen().nik) == ("male", MAN)


@pytest.mark.parametrize("typed", ["3171 0303 0285 0001", "31.71.03.030285.0001", "317103-030285-0001"])
def test_a_nik_typed_in_groups_is_saved_as_its_16_digits(http, typed):
    post_form(http, "/account/profile", details(nik=typed))

    assert citizen().nik == MAN


@pytest.mark.parametrize(
    ("gender", "nik"),
    [("male", MAN), ("female", WOMAN), ("", MAN), ("", WOMAN)],
)
def test_valid_niks_at_the_form(http, gender, nik):
    response = post_form(http, "/account/profile", details(gender=gender, nik=nik))

    assert response.status_code == 303
    assert citizen().nik == nik


@pytest.mark.parametrize(
    ("gender", "nik", "says"),
    [
        ("male", "317103030285001", "A NIK has exactly 16 digits."),
        ("male", "31710303028500O1", "A NIK has exactly 16 digits."),
        ("male", "9971030302850001", "The first six digits of this NIK are not a region code."),
        ("male", "3171030302850000", "The last four digits of a NIK are never 0000."),
        (
            "male",
            "3171030402850001",
            "yours, February 3, 1985, is written 030285 (430285 for a woman, whose NIK adds 40 to the day). "
            "This NIK has 040285.",
        ),
        (
            "female",
            MAN,
            "A woman's NIK adds 40 to the day of birth: for a woman born on day 3 of the month, "
            "digits 7 and 8 are 43, and this NIK has 03.",
        ),
        ("male", WOMAN, "This NIK is a woman's: its digits 7 and 8 are 43, the day of birth (3) plus 40"),
    ],
)
def test_invalid_niks_at_the_form_say_what_is_wrong_at_the_field(http, gender, nik, says):
    response = english(http, "/account/profile", details(gender=gender, nik=nik))

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="nik-error"' in page and says.replace("'", "&#39;") in page
    assert citizen().nik is None


def test_the_nik_error_is_in_indonesian_by_default(http):
    page = post_form(http, "/account/profile", details(gender="female", nik=MAN)).get_data(as_text=True)

    assert "NIK perempuan" in page


def test_a_wrong_nik_loses_nothing_typed(http):
    response = post_form(http, "/account/profile", details(name="Budi Setiawan", gender="female", nik="3171"))

    page = response.get_data(as_text=True)
    assert 'value="Budi Setiawan"' in page and 'value="3171"' in page
    assert 'value="female" checked' in page
    assert citizen().name == "Budi Santoso"  # nothing saved while a field is wrong


def test_the_errors_page_is_reached_by_get_post_redirect_get(http):
    http.get("/account/profile")
    response = http.post("/account/profile", data={"csrf_token": csrf_of(http), **details(nik="123")})

    assert response.status_code == 303 and response.location.endswith("/account/profile")
    shown = http.get(response.location)
    assert shown.status_code == 400 and 'id="nik-error"' in shown.get_data(as_text=True)
    assert 'id="nik-error"' not in http.get("/account/profile").get_data(as_text=True)  # shown once


@pytest.mark.parametrize("gender", ["", "female", "male"])
def test_gender_is_one_of_the_choices_or_not_said(http, gender):
    post_form(http, "/account/profile", details(gender=gender))

    assert citizen().gender == (gender or None)


def test_a_gender_not_offered_is_refused(http):
    response = english(http, "/account/profile", details(gender="other"))

    assert response.status_code == 400
    assert "Choose one of the options." in response.get_data(as_text=True)
    assert citizen().gender is None


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(http):
    http.get("/account/profile")
    response = http.post("/account/profile", data=details(nik=MAN))

    assert response.status_code == 400
    assert citizen().nik is None


def test_a_new_birthdate_the_saved_nik_contradicts_is_refused(http):
    post_form(http, "/account/profile", details(nik=MAN))

    response = english(http, "/account/profile", details(birthdate="1985-02-04"))

    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="birthdate-error"' in page
    assert "Your NIK ending in 0001 says you were born on February 3, 1985." in page
    assert citizen().birthdate.isoformat() == BIRTHDATE


def test_a_new_gender_the_saved_nik_contradicts_is_refused_with_the_40_rule(http):
    post_form(http, "/account/profile", details(nik=MAN))

    response = english(http, "/account/profile", details(gender="female"))

    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="gender-error"' in page
    assert "Your NIK ending in 0001 is a man&#39;s. A woman&#39;s NIK adds 40 to the day of birth" in page
    assert citizen().gender == "male"


def test_birthdate_and_nik_are_corrected_together_in_one_post(http):
    post_form(http, "/account/profile", details(nik=MAN))

    response = post_form(http, "/account/profile", details(birthdate="1985-02-04", nik="3171030402850001"))

    assert response.status_code == 303
    assert (citizen().birthdate.isoformat(), citizen().nik) == ("1985-02-04", "3171030402850001")


def test_an_empty_nik_field_keeps_the_saved_nik(http):
    post_form(http, "/account/profile", details(nik=MAN))

    post_form(http, "/account/profile", details(name="Budi Setiawan"))

    assert (citizen().name, citizen().nik) == ("Budi Setiawan", MAN)


def test_the_nik_is_removed_with_its_own_button(http):
    post_form(http, "/account/profile", details(nik=MAN))

    response = post_form(http, "/account/profile/nik/remove", {})

    assert response.status_code == 303
    assert citizen().nik is None and citizen().gender == "male"


def test_the_overview_shows_only_the_last_four_digits_of_the_nik(http):
    post_form(http, "/account/profile", details(nik=MAN))

    page = http.get("/account/").get_data(as_text=True)

    assert "•••• •••• •••• 0001" in page and MAN not in page and "03028" not in page


def test_the_profile_page_never_sends_the_saved_nik_back(http):
    post_form(http, "/account/profile", details(nik=MAN))

    page = http.get("/account/profile?ui_locales=en").get_data(as_text=True)

    assert MAN not in page and "Saved: •••• •••• •••• 0001." in page
