"""Jakpenda: tax objects found from the claims, and bills behind step-up (`acr_values`)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from clients.common.signin import SignIn
from clients.tax.lookup import find_taxpayer
from clients.tax.models import Bill, Taxpayer, db, name_key
from clients.tax.stepup import DEFAULT_STEP_UP_ACR
from tests.clients.signin_helpers import post_form, sign_in, through_jaki

BUDI_PKB_2026 = 2  # demo bill ids, in the order demo.py creates them
SITI_PKB_2026 = 4


@pytest.fixture
def app(make_app):
    return make_app("tax")


@pytest.fixture
def http(app):
    return app.test_client()


def claims(**values):
    userinfo = {"sub": "s", **values}
    return SignIn(id_token="", id_token_claims={"sub": "s"}, userinfo=userinfo, scope="")


def paid_at(app, bill_id):
    with app.app_context():
        return db.session.get(Bill, bill_id).paid_at


def test_requests_openid_and_profile_only(http):
    location = http.get("/login").headers["Location"]

    assert parse_qs(urlsplit(location).query)["scope"] == ["openid profile"]


def test_requests_nik_once_the_provider_offers_it(make_app, jaki):
    jaki.behaviour.scopes_supported = ["openid", "profile", "phone", "nik"]
    location = make_app("tax").test_client().get("/login").headers["Location"]

    assert parse_qs(urlsplit(location).query)["scope"] == ["openid profile nik"]


def test_signed_in_citizen_sees_their_vehicles_and_properties(http):
    sign_in(http)

    page = http.get("/").get_data(as_text=True)

    assert "Objek pajak atas nama Budi Santoso" in page
    assert "PKB — B 1234 KJT" in page
    assert "PBB — 31.71.060.001.002-0123.0" in page
    assert "B 2345 SRY" not in page


def test_citizen_without_tax_records_gets_a_demo_record_not_budis(http, jaki):
    jaki.citizen.name = "Dewi Lestari"
    sign_in(http)

    page = http.get("/").get_data(as_text=True)
    assert "Objek pajak atas nama Dewi Lestari" in page
    assert "B 1234 KJT" not in page


@pytest.mark.parametrize(
    "sign_in_claims, expected",
    [
        ({"name": "  budi   SANTOSO ", "birthdate": "1985-04-12"}, "Budi Santoso"),
        ({"name": "Budi Santoso", "birthdate": "1985-04-13"}, None),
        ({"name": "Budi Santoso"}, None),
        ({"nik": "3174055708900002", "name": "Budi Santoso", "birthdate": "1985-04-12"}, "Siti Rahayu"),
        ({"nik": "3171000000000000", "name": "Budi Santoso", "birthdate": "1985-04-12"}, None),
    ],
)
def test_taxpayer_is_found_by_nik_or_else_by_name_and_birthdate(app, sign_in_claims, expected):
    with app.app_context():
        taxpayer = find_taxpayer(claims(**sign_in_claims))
        assert (taxpayer.name if taxpayer else None) == expected


def test_two_taxpayers_with_the_same_name_and_birthdate_match_no_one(app):
    with app.app_context():
        twin = db.session.get(Taxpayer, 1)
        db.session.add(
            Taxpayer(nik="3171011204850009", name=twin.name, name_key=name_key(twin.name), birthdate=twin.birthdate)
        )
        db.session.commit()

        assert find_taxpayer(claims(name="Budi Santoso", birthdate="1985-04-12")) is None


def test_viewing_a_bill_asks_the_provider_for_a_higher_assurance_level(http, jaki):
    sign_in(http)

    step_up = http.get(f"/bills/{BUDI_PKB_2026}")
    assert step_up.headers["Location"] == f"/bills/{BUDI_PKB_2026}/step-up"
    authorization = http.get(step_up.headers["Location"]).headers["Location"]

    params = parse_qs(urlsplit(authorization).query)
    assert params["acr_values"] == [DEFAULT_STEP_UP_ACR]
    assert params["scope"] == ["openid profile"]


def test_when_step_up_is_not_granted_the_page_shows_what_was_asked(http):
    sign_in(http)
    authorization = http.get(f"/bills/{BUDI_PKB_2026}/step-up").headers["Location"]

    back = through_jaki(http, authorization)
    page = http.get(back.headers["Location"]).get_data(as_text=True)

    assert back.headers["Location"] == f"/bills/{BUDI_PKB_2026}"
    assert "Verifikasi tambahan diperlukan" in page
    assert f'id="requested-acr">{DEFAULT_STEP_UP_ACR}<' in page
    assert 'id="received-acr">urn:jaki:loa:1<' in page
    assert "405.000" not in page


def test_when_the_provider_refuses_step_up_the_page_says_what_was_asked(http, jaki):
    jaki.behaviour.refuse_acr_values = True
    sign_in(http)

    response = through_jaki(http, http.get(f"/bills/{BUDI_PKB_2026}/step-up").headers["Location"])

    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Verifikasi tambahan belum selesai" in page
    assert f'id="requested-acr">{DEFAULT_STEP_UP_ACR}<' in page
    assert "Masuk sebagai" in page  # still signed in, at the level before
    assert "405.000" not in page


def test_with_step_up_the_bill_is_shown_and_can_be_paid(app, http, jaki):
    jaki.behaviour.honour_acr_values = True
    sign_in(http)
    through_jaki(http, http.get(f"/bills/{BUDI_PKB_2026}/step-up").headers["Location"])

    page = http.get(f"/bills/{BUDI_PKB_2026}").get_data(as_text=True)
    assert 'id="amount">Rp405.000<' in page

    post_form(http, f"/bills/{BUDI_PKB_2026}/pay", {})
    assert paid_at(app, BUDI_PKB_2026) is not None
    assert 'id="bill-status">Lunas<' in http.get(f"/bills/{BUDI_PKB_2026}").get_data(as_text=True)


def test_paying_without_step_up_changes_nothing(app, http):
    sign_in(http)

    response = post_form(http, f"/bills/{BUDI_PKB_2026}/pay", {})

    assert response.headers["Location"] == f"/bills/{BUDI_PKB_2026}"
    assert paid_at(app, BUDI_PKB_2026) is None


def test_another_taxpayers_bill_is_not_found(http, jaki):
    jaki.behaviour.honour_acr_values = True
    sign_in(http)

    assert http.get(f"/bills/{SITI_PKB_2026}").status_code == 404
    assert http.get(f"/bills/{SITI_PKB_2026}/step-up").status_code == 404
