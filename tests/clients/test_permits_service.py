"""Perizinan: the application form pre-filled from consented claims, stored under `sub`."""

import pytest
from sqlalchemy import select

from clients.permits.models import Application, db
from tests.clients.signin_helpers import form_inputs, post_form, sign_in

BUSINESS = {
    "permit_type": "IUMK",
    "business_name": "Warung Kopi Cikini",
    "business_address": "Jl. Cikini Raya No. 12, Menteng",
    "business_activity": "Kedai kopi dan makanan ringan",
}


@pytest.fixture
def app(make_app):
    return make_app("permits")


@pytest.fixture
def http(app):
    return app.test_client()


def signed_in_sub(http):
    with http.session_transaction() as session:
        return session["sign_in"]["id_token_claims"]["sub"]


def stored_applications(app):
    with app.app_context():
        return db.session.scalars(select(Application)).all()


def test_home_lists_permits_and_offers_sign_in(http):
    page = http.get("/").get_data(as_text=True)

    assert "Izin Usaha Mikro Kecil (IUMK)" in page
    assert "Masuk dengan JAKI" in page


def test_form_is_prefilled_from_the_claims_received(http):
    sign_in(http)

    inputs = form_inputs(http.get("/applications/new").get_data(as_text=True))

    assert inputs["applicant_name"]["value"] == "Budi Santoso"
    assert inputs["applicant_phone"]["value"] == "+6281234567890"
    assert inputs["applicant_birthdate"]["value"] == "1985-04-12"
    for field in ("applicant_name", "applicant_phone", "applicant_birthdate"):
        assert "readonly" in inputs[field]


def test_address_is_typed_in_until_the_provider_offers_it(http):
    sign_in(http)

    address = form_inputs(http.get("/applications/new").get_data(as_text=True))["applicant_address"]

    assert address["value"] == ""
    assert "readonly" not in address


def test_address_is_prefilled_once_the_provider_offers_it(make_app, jaki):
    jaki.behaviour.scopes_supported = ["openid", "profile", "phone", "address"]
    http = make_app("permits").test_client()
    sign_in(http)

    address = form_inputs(http.get("/applications/new").get_data(as_text=True))["applicant_address"]

    assert address["value"] == "Jl. Cikini Raya No. 10, Menteng, Jakarta Pusat 10330"
    assert "readonly" in address


def test_application_is_stored_under_the_pairwise_sub(app, http):
    sign_in(http)

    response = post_form(http, "/applications", {**BUSINESS, "applicant_address": "Jl. Salemba 5"})

    [application] = stored_applications(app)
    assert application.applicant_sub == signed_in_sub(http)
    assert application.business_name == "Warung Kopi Cikini"
    assert application.applicant_address == "Jl. Salemba 5"
    assert response.headers["Location"] == f"/applications/{application.id}"
    assert "PRZ-000001" in http.get(response.headers["Location"]).get_data(as_text=True)


def test_details_from_jaki_id_cannot_be_changed_in_the_browser(app, http):
    sign_in(http)

    post_form(http, "/applications", {**BUSINESS, "applicant_name": "Someone Else"})

    [application] = stored_applications(app)
    assert application.applicant_name == "Budi Santoso"


def test_incomplete_application_is_not_stored(app, http):
    sign_in(http)

    response = post_form(http, "/applications", {**BUSINESS, "business_name": " "})

    assert response.status_code == 400
    assert "Lengkapi semua isian" in response.get_data(as_text=True)
    assert stored_applications(app) == []


def test_citizens_see_only_their_own_applications(app, http, jaki):
    sign_in(http)
    post_form(http, "/applications", BUSINESS)
    jaki.citizen.id = "citizen-2"
    other = app.test_client()
    sign_in(other)

    assert other.get("/applications/1").status_code == 404
    assert "Warung Kopi Cikini" not in other.get("/").get_data(as_text=True)
    assert "Warung Kopi Cikini" in http.get("/").get_data(as_text=True)


def test_applying_needs_sign_in(app, http):
    response = post_form(http, "/applications", BUSINESS)

    assert response.headers["Location"] == "/login?next=/"
    assert stored_applications(app) == []
