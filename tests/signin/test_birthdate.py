"""Issue 13 (b): the date of birth as Indonesians write it (17/08/1990, day first) and as
a browser's date input sends it (1990-08-17, HTML "valid date string"); a hint that is a
date (the phone's date picker orders it as the phone's language does) and an error with
the same example, in the citizen's language. The field's name stays `birthdate`."""

import pytest
from sqlalchemy import select

from idp.extensions import db
from idp.models import Citizen
from tests.conftest import latest_sms, post_form, sign_in
from tests.oidc.flows import PHONE
from tests.signin.conftest import ask_for_code

HINT_EN = "For example: 17 August 1990."
HINT_ID = "Contoh: 17 Agustus 1990."


def at_profile_page(http):
    ask_for_code(http)
    post_form(http, "/signin/code", {"code": latest_sms(http)["code"]})


def birthdate():
    citizen = db.session.scalar(select(Citizen))
    db.session.refresh(citizen)
    return citizen.birthdate.isoformat() if citizen.birthdate else None


@pytest.mark.parametrize("typed", ["17/08/1990", "17-08-1990", "17.08.1990", "1990-08-17", " 17/8/1990 "])
def test_issue13_b_the_usual_indonesian_forms_are_accepted_at_sign_in(http, typed):
    at_profile_page(http)
    response = post_form(http, "/signin/profile", {"name": "Siti Rahma", "birthdate": typed})
    assert response.status_code == 302
    assert birthdate() == "1990-08-17"


@pytest.mark.parametrize("typed", ["17/08/1990", "17.08.1990"])
def test_issue13_b_the_account_profile_accepts_them_too(http, typed):
    sign_in(http, PHONE)
    response = post_form(http, "/account/profile", {"name": "Budi Santoso", "birthdate": typed})
    assert response.status_code == 303
    assert birthdate() == "1990-08-17"


@pytest.mark.parametrize("typed", ["08/17/1990", "31/02/1990"])
def test_issue13_b_a_date_that_does_not_exist_day_first_is_refused(http, typed):
    at_profile_page(http)
    response = post_form(http, "/signin/profile?ui_locales=en", {"name": "Siti Rahma", "birthdate": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "That date does not exist. Enter the day, then the month, then the year." in page
    assert f'value="{typed}"' in page and birthdate() is None


@pytest.mark.parametrize("typed", ["17/08/90", "17 Agustus 1990", "1990/08-17"])
def test_issue13_b_other_forms_get_the_error_that_matches_the_hint(http, typed):
    at_profile_page(http)
    response = post_form(http, "/signin/profile?ui_locales=en", {"name": "Siti Rahma", "birthdate": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter your date of birth as day, month, year: for example 17/08/1990." in page
    assert "YYYY" not in page


def test_issue13_b_the_error_and_hint_are_indonesian_and_agree(http):
    at_profile_page(http)
    response = post_form(http, "/signin/profile", {"name": "Siti Rahma", "birthdate": "17/08/90"})
    page = response.get_data(as_text=True)
    assert HINT_ID in page
    assert "Masukkan tanggal lahir Anda sebagai tanggal, bulan, tahun: misalnya 17/08/1990." in page
    assert "TTTT" not in page and "YYYY" not in page


def test_issue13_b_the_field_is_a_date_input_named_birthdate_with_the_hint(http):
    at_profile_page(http)
    page = http.get("/signin/profile?ui_locales=en").get_data(as_text=True)
    assert 'name="birthdate" type="date"' in page
    assert f'<p id="birthdate-hint" class="hint">{HINT_EN}</p>' in page
    assert 'aria-describedby="birthdate-hint"' in page
    assert "placeholder" not in page.split('name="birthdate"')[1].split(">")[0]


def test_issue13_b_the_account_profile_uses_the_same_date_input(http):
    sign_in(http, PHONE)
    page = http.get("/account/profile").get_data(as_text=True)
    assert 'name="birthdate" type="date" value="1985-02-03"' in page and HINT_ID in page


def test_issue13_b_an_error_is_described_along_with_the_hint(http):
    at_profile_page(http)
    page = post_form(http, "/signin/profile", {"name": "Siti Rahma", "birthdate": "x"}).get_data(as_text=True)
    assert 'aria-invalid="true" aria-describedby="birthdate-hint birthdate-error"' in page
