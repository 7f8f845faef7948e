"""The citizen's account: profile, devices, services (consent), data export."""

from sqlalchemy import select

from idp.extensions import db
from idp.models import BrowserSession, Consent
from idp.services import consents
from tests.conftest import AuthRequest, post_form, sign_in
from tests.oidc.flows import PHONE, tokens_for


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_signed_out_visitor_signs_in_then_lands_on_the_account(http):
    response = http.get("/account/")
    assert "/signin" in response.location
    response = sign_in(http, PHONE)
    assert response.location.endswith("/account/")
    assert "+6281234567890" in http.get("/account/").get_data(as_text=True)


def test_profile_can_be_changed(http):
    sign_in(http, PHONE)
    response = post_form(http, "/account/profile", {"name": "Budi Setiawan", "birthdate": "1986-03-04"})
    assert response.status_code == 303
    page = http.get("/account/").get_data(as_text=True)
    assert "Budi Setiawan" in page and "4 Maret 1986" in page  # as people write a date


def test_bad_profile_input_keeps_the_old_values(http):
    sign_in(http, PHONE)
    response = post_form(http, "/account/profile", {"name": "", "birthdate": "1986-03-04"})
    assert response.status_code == 400
    assert "Budi Santoso" in http.get("/account/").get_data(as_text=True)


def test_withdrawing_consent_revokes_the_service_tokens(http, make_client):
    client = make_client()
    tokens = tokens_for(http, client)
    consent = db.session.scalar(select(Consent))
    response = post_form(http, f"/account/services/{consent.id}/revoke", {})
    assert response.status_code == 303
    assert http.get("/userinfo", headers=bearer(tokens["access_token"])).status_code == 401
    # The next visit asks for consent again.
    assert "/consent" in AuthRequest(client).start(http).location


def test_services_page_lists_what_each_service_receives(http, make_client):
    tokens_for(http, make_client(name="Perizinan Usaha"))
    page = http.get("/account/services?ui_locales=en").get_data(as_text=True)
    assert "Perizinan Usaha" in page and "Your verified phone number" in page


def test_cannot_revoke_another_citizens_consent(http, app, make_client):
    client = make_client()
    tokens_for(app.test_client(), client, phone="081111111111")
    other_consent = db.session.scalar(select(Consent))
    sign_in(http, "082222222222")
    response = post_form(http, f"/account/services/{other_consent.id}/revoke", {})
    assert response.status_code == 404
    assert consents.find(other_consent.citizen_id, client.client_id).standing


def test_sessions_page_lists_devices_and_signs_out_another(http, app):
    phone_browser = app.test_client()
    sign_in(phone_browser, PHONE)
    sign_in(http, PHONE)
    page = http.get("/account/sessions").get_data(as_text=True)
    assert page.count("csrf_token") >= 3  # one form per device plus "everywhere"
    other = db.session.scalars(select(BrowserSession).order_by(BrowserSession.id)).first()
    post_form(http, f"/account/sessions/{other.id}/end", {})
    assert "/signin" in phone_browser.get("/account/").location
    assert http.get("/account/").status_code == 200


def test_sign_out_everywhere_ends_every_session(http, app):
    phone_browser = app.test_client()
    sign_in(phone_browser, PHONE)
    sign_in(http, PHONE)
    post_form(http, "/account/sessions/end-all", {})
    assert "/signin" in phone_browser.get("/account/").location
    assert "/signin" in http.get("/account/").location


def test_data_export_holds_profile_consents_and_sessions_but_no_secrets(http, make_client):
    tokens = tokens_for(http, make_client(name="Perizinan"))
    response = http.get("/account/data.json")
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = response.get_json()
    assert data["profile"]["phone_number"] == "+6281234567890"
    assert data["consents"][0]["service"] == "Perizinan"
    assert data["sessions"] and data["access_grants"]
    assert tokens["access_token"] not in response.get_data(as_text=True)


def test_account_forms_need_the_csrf_token(http):
    sign_in(http, PHONE)
    assert http.post("/account/sessions/end-all", data={}).status_code == 400
    assert http.get("/account/").status_code == 200


def test_oversized_ids_are_not_found_not_a_crash(http):
    sign_in(http, PHONE)
    assert post_form(http, "/account/services/999999999999999999999/revoke", {}).status_code == 404
    assert post_form(http, "/account/sessions/99999999999999999999/end", {}).status_code == 404


def test_signing_out_everywhere_revokes_tokens_issued_in_those_sessions(http, make_client):
    client = make_client()
    tokens = tokens_for(http, client)
    post_form(http, "/account/sessions/end-all", {})
    assert http.get("/userinfo", headers=bearer(tokens["access_token"])).status_code == 401
    refresh = http.post(
        "/token",
        auth=(client.client_id, client.secret),
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    assert refresh.get_json()["error"] == "invalid_grant"
