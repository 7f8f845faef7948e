"""Issue 13: the demo services read like real ones. The claims table is a technical detail;
an error is a plain sentence with the code under details; the pages speak Indonesian or
English and JAKI ID is asked in the same language; the tax office pays no bill on a stale
level; a permit form sent twice makes one application; any citizen finds a demo tax bill."""

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import render_template
from sqlalchemy import select

from clients.common.english import ENGLISH
from clients.common.oidc import SignInFailed
from clients.permits.models import Application
from clients.permits.models import db as permits_db
from clients.tax.english import ENGLISH as TAX_ENGLISH
from clients.tax.models import Bill
from clients.tax.models import db as tax_db
from tests.clients.signin_helpers import form_inputs, post_form, sign_in, through_jaki

BUDI_PKB_2026 = 2
BUSINESS = {
    "permit_type": "IUMK",
    "business_name": "Warung Kopi Cikini",
    "business_address": "Jl. Cikini Raya No. 12, Menteng",
    "business_activity": "Kedai kopi",
}


@pytest.fixture
def permits(make_app):
    return make_app("permits")


@pytest.fixture
def tax(make_app):
    return make_app("tax")


def authorization_params(http, path="/login"):
    return parse_qs(urlsplit(http.get(path).headers["Location"]).query)


def test_the_claims_table_is_behind_a_technical_details_disclosure(permits):
    http = permits.test_client()
    sign_in(http)
    page = http.get("/").get_data(as_text=True)
    disclosure = page.index('<details class="technical received-claims">')
    assert disclosure < page.index('id="userinfo-claims"') < page.index("</details>", disclosure)


def test_an_error_is_a_plain_sentence_with_the_code_under_technical_details(permits, jaki):
    jaki.behaviour.deny_consent = True
    http = permits.test_client()
    page = sign_in(http).get_data(as_text=True)
    assert "Izin tidak diberikan" in page
    details = page.index('<details class="technical">')
    assert details < page.index('id="error-code">access_denied<')


def test_an_unknown_error_is_a_plain_sentence_in_english_too(permits):
    failure = SignInFailed("server_error", "Something technical.")
    with permits.test_request_context("/", headers={"Cookie": "lang=en"}):
        html = render_template("common/sign_in_error.html", failure=failure)
    assert "The sign-in did not succeed" in html
    assert html.index('<details class="technical">') < html.index("Something technical.")


def test_pages_are_indonesian_with_the_sign_in_button_in_indonesian(permits):
    page = permits.test_client().get("/").get_data(as_text=True)
    assert '<html lang="id">' in page and ">Masuk dengan JAKI<" in page


def test_the_switch_keeps_english_in_a_cookie_and_returns_to_the_page(permits):
    http = permits.test_client()
    response = http.get("/applications/new?type=IUMK&lang=en")
    assert response.status_code == 303 and response.headers["Location"] == "/applications/new?type=IUMK"
    page = http.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page and ">Sign in with JAKI<" in page


def test_english_survives_signing_in(permits):
    http = permits.test_client()
    http.get("/?lang=en")
    sign_in(http)
    assert ">Sign out</button>" in http.get("/").get_data(as_text=True)


def test_jaki_id_is_asked_in_the_pages_language(permits):
    http = permits.test_client()
    assert authorization_params(http)["ui_locales"] == ["id"]
    http.get("/?lang=en")
    assert authorization_params(http)["ui_locales"] == ["en"]


@pytest.mark.parametrize("folder, own_english", [("common", {}), ("tax", TAX_ENGLISH)])
def test_every_text_has_its_english(folder, own_english):
    root = Path("clients") / folder / "templates" / folder
    pattern = r't\(\s*["\']([^"\']+)["\']'
    texts = {text for path in root.glob("*.html") for text in re.findall(pattern, path.read_text())}
    assert texts - ENGLISH.keys() - own_english.keys() == set()


def test_the_tax_pages_speak_english_when_chosen(tax):
    http = tax.test_client()
    http.get("/?lang=en")
    sign_in(http)
    page = http.get("/").get_data(as_text=True)
    assert "Taxable property in the name of Budi Santoso" in page and "Not paid" in page


def test_the_tax_step_up_asks_for_a_recent_sign_in(tax):
    http = tax.test_client()
    sign_in(http)
    params = authorization_params(http, f"/bills/{BUDI_PKB_2026}/step-up")
    assert params["max_age"] == ["900"]


def test_a_stale_level_pays_no_bill_and_asks_again(tax, jaki):
    jaki.behaviour.honour_acr_values = True
    http = tax.test_client()
    sign_in(http)
    through_jaki(http, http.get(f"/bills/{BUDI_PKB_2026}/step-up").headers["Location"])
    with http.session_transaction() as session:  # fifteen minutes and a second later
        stored = session["sign_in"]
        stored["id_token_claims"]["auth_time"] -= 15 * 60 + 1
        session["sign_in"] = stored
    assert post_form(http, f"/bills/{BUDI_PKB_2026}/pay", {}).headers["Location"] == f"/bills/{BUDI_PKB_2026}"
    assert http.get(f"/bills/{BUDI_PKB_2026}").headers["Location"] == f"/bills/{BUDI_PKB_2026}/step-up"
    with tax.app_context():
        assert tax_db.session.get(Bill, BUDI_PKB_2026).paid_at is None


def test_an_id_token_older_than_max_age_is_refused_at_the_callback(tax, jaki):
    jaki.behaviour.honour_acr_values = True
    jaki.behaviour.id_token_overrides = {"auth_time": int(time.time()) - 3600}
    http = tax.test_client()
    sign_in(http)
    response = through_jaki(http, http.get(f"/bills/{BUDI_PKB_2026}/step-up").headers["Location"])
    assert response.status_code == 400
    assert 'id="error-code">stale_authentication<' in response.get_data(as_text=True)


def test_a_permit_form_sent_twice_makes_one_application(permits):
    http = permits.test_client()
    sign_in(http)
    submission_id = form_inputs(http.get("/applications/new").get_data(as_text=True))["submission_id"]["value"]
    first = post_form(http, "/applications", {**BUSINESS, "submission_id": submission_id})
    second = post_form(http, "/applications", {**BUSINESS, "submission_id": submission_id})
    assert first.headers["Location"] == second.headers["Location"]
    with permits.app_context():
        assert len(permits_db.session.scalars(select(Application)).all()) == 1


def test_each_new_form_is_a_new_application(permits):
    http = permits.test_client()
    sign_in(http)
    for _ in range(2):
        submission_id = form_inputs(http.get("/applications/new").get_data(as_text=True))["submission_id"]["value"]
        post_form(http, "/applications", {**BUSINESS, "submission_id": submission_id})
    with permits.app_context():
        assert len(permits_db.session.scalars(select(Application)).all()) == 2


def test_a_citizen_unknown_to_the_tax_office_finds_a_demo_bill(tax, jaki):
    jaki.citizen.name = "Dewi Lestari"
    http = tax.test_client()
    sign_in(http)
    page = http.get("/").get_data(as_text=True)
    assert "Objek pajak atas nama Dewi Lestari" in page
    assert "Belum dibayar" in page


def test_two_citizens_of_the_same_name_get_demo_bills_of_their_own(tax, jaki):
    jaki.citizen.name = "Dewi Lestari"
    first, second = tax.test_client(), tax.test_client()
    sign_in(first)
    jaki.citizen.id = "citizen-2"
    sign_in(second)
    plates = [
        page.split("PKB — ")[1].split("<")[0] for page in (c.get("/").get_data(as_text=True) for c in (first, second))
    ]
    assert plates[0] != plates[1]
