"""Issue 9: citizens add, correct and remove their Jakarta address at /account/address
(street, RT/RW, kelurahan, kecamatan, city, province, postal code); services allowed the
`address` scope receive it as the OIDC address claim (OIDC Core 5.1.1)."""

import pytest
from sqlalchemy import select

from idp.citizen_data.address import REQUIRED
from idp.extensions import db
from idp.models import Citizen
from tests.conftest import csrf_of, post_form, sign_in
from tests.oidc.flows import PHONE

ADDRESS = {
    "street": "Jl. Kebon Sirih No. 5",
    "rt": "3",
    "rw": "07",
    "kelurahan": "Gondangdia",
    "kecamatan": "Menteng",
    "city": "Jakarta Pusat",
    "province": "DKI Jakarta",
    "postal_code": "10350",
}


def citizen() -> Citizen:
    db.session.expire_all()
    return db.session.scalar(select(Citizen))


@pytest.fixture
def http(http):
    sign_in(http, PHONE)
    return http


def test_an_address_is_saved_tidied_and_the_post_redirects_to_the_overview(http):
    response = post_form(http, "/account/address", ADDRESS | {"street": "  Jl. Kebon  Sirih No. 5 "})

    assert response.status_code == 303 and response.location.endswith("/account/")
    assert citizen().address == ADDRESS | {"rt": "003", "rw": "007"}


def test_the_overview_shows_the_address_as_it_is_written(http):
    post_form(http, "/account/address", ADDRESS)

    page = http.get("/account/").get_data(as_text=True)

    assert "Jl. Kebon Sirih No. 5<br>RT 003/RW 007<br>Kel. Gondangdia<br>Kec. Menteng" in page


@pytest.mark.parametrize("missing", REQUIRED)
def test_each_part_of_the_address_is_required(http, missing):
    response = post_form(http, "/account/address?ui_locales=en", ADDRESS | {missing: " "})

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'<p id="{missing}-error" class="error" role="alert">Fill this in.</p>' in page
    assert citizen().address is None


@pytest.mark.parametrize(
    ("field", "typed", "says"),
    [
        ("rt", "3a", "Write the number, for example 003."),
        ("rw", "1234", "Write the number, for example 003."),
        ("postal_code", "1035", "A postal code has five digits."),
        ("postal_code", "01035", "A postal code has five digits."),
        ("street", "J" * 201, "This is too long."),
    ],
)
def test_a_wrong_part_is_named_at_its_field(http, field, typed, says):
    page = post_form(http, "/account/address?ui_locales=en", ADDRESS | {field: typed}).get_data(as_text=True)

    assert f'<p id="{field}-error" class="error" role="alert">{says}</p>' in page


def test_field_errors_are_in_indonesian_by_default(http):
    page = post_form(http, "/account/address", ADDRESS | {"postal_code": "1035"}).get_data(as_text=True)

    assert "Kode pos terdiri dari lima angka." in page


def test_a_wrong_part_loses_nothing_typed(http):
    page = post_form(http, "/account/address", ADDRESS | {"postal_code": "1035"}).get_data(as_text=True)

    for field, value in (ADDRESS | {"postal_code": "1035"}).items():
        assert f'id="{field}" name="{field}" type="text" value="{value}"' in page


def test_the_errors_page_is_reached_by_get_post_redirect_get(http):
    http.get("/account/address")
    response = http.post("/account/address", data={"csrf_token": csrf_of(http), **ADDRESS, "rt": "x"})

    assert response.status_code == 303 and response.location.endswith("/account/address")
    assert http.get(response.location).status_code == 400


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(http):
    http.get("/account/address")

    assert http.post("/account/address", data=ADDRESS).status_code == 400
    assert citizen().address is None


def test_a_new_address_starts_in_dki_jakarta(http):
    page = http.get("/account/address").get_data(as_text=True)

    assert 'id="province" name="province" type="text" value="DKI Jakarta"' in page


def test_the_saved_address_fills_the_form_to_correct_it(http):
    post_form(http, "/account/address", ADDRESS)

    post_form(http, "/account/address", ADDRESS | {"street": "Jl. Kebon Sirih No. 7"})

    assert citizen().address["street"] == "Jl. Kebon Sirih No. 7"
    assert 'value="Jl. Kebon Sirih No. 7"' in http.get("/account/address").get_data(as_text=True)


def test_the_address_is_removed_with_its_own_button(http):
    post_form(http, "/account/address", ADDRESS)

    response = post_form(http, "/account/address/remove", {})

    assert response.status_code == 303
    assert citizen().address is None
