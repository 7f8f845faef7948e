"""The demo services allowed the NIK (vaccination here; tax in tests/fapi2) against the
real provider, in one process: what JAKI ID sends them is a JWE, and they decrypt it
with their own key (clients/common/encryption.py) — the ID token, UserInfo and the
back-channel logout token — and refuse what arrives in clear."""

import json
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from joserfc.jwk import ECKey
from sqlalchemy import select

from demo.serve import load_service, prepare_database
from idp.extensions import db
from idp.protocol.logout_token import logout_token
from tests.conftest import ISSUER, consent_allow, sign_in
from tests.encryption_keys import RP_KEY, encrypted_responses, is_jwe
from tests.provider_adapter import route_to_provider

SERVICE_URL = "http://localhost"
NIK = "3171034302850001"
PURPOSES = {"profile": "Usia", "phone": "Pengingat", "nik": "Sertifikat vaksin"}


def vaccination_http(monkeypatch, provider_app, tmp_path, client, enc_key=RP_KEY):
    adapter = route_to_provider(monkeypatch, provider_app.test_client())
    vaccination = load_service("vaccination")
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "JAKI_ISSUER": ISSUER,
        "JAKI_CLIENT_ID": client.client_id,
        "JAKI_CLIENT_SECRET": client.secret,
        "JAKI_CLIENT_ENC_JWK": json.dumps(enc_key.as_dict(private=True)),
        "SERVICE_URL": SERVICE_URL,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'vaccination.db'}",
    }
    service_app = vaccination.create_app(config)
    prepare_database(vaccination, service_app)
    service_http = service_app.test_client()
    service_http.provider_answers = adapter.answers
    return service_http


def register_vaccination(make_client, scope="openid profile phone nik", **encryption):
    return make_client(
        name="Vaksinasi",
        redirect_uris=[f"{SERVICE_URL}/auth/callback"],
        scope=scope,
        purposes={k: v for k, v in PURPOSES.items() if k in scope.split()},
        backchannel_logout_uri="https://vaksinasi.example/backchannel-logout",
        **encryption,
    )


@pytest.fixture
def citizen_with_nik(make_citizen):
    citizen = make_citizen(phone="+6281234567890", name="Siti Rahma", birthdate=date(1990, 5, 17))
    citizen.nik = NIK
    db.session.commit()
    return citizen


def sign_in_at(http, service_http):
    """The citizen's browser: the service, JAKI ID's pages, back to the service."""
    authorization = urlsplit(service_http.get("/login").headers["Location"])
    response = http.get(f"{authorization.path}?{authorization.query}")
    response = http.get(sign_in(http, "081234567890", response.location).location)
    response = consent_allow(http, response)
    callback = urlsplit(response.location)
    return service_http.get(f"{callback.path}?{callback.query}")


def test_vaccination_receives_the_nik_only_encrypted_and_decrypts_it(
    http, app, make_client, monkeypatch, tmp_path, citizen_with_nik
):
    client = register_vaccination(make_client, **encrypted_responses())
    service_http = vaccination_http(monkeypatch, app, tmp_path, client)
    response = sign_in_at(http, service_http)
    assert response.status_code == 302, response.get_data(as_text=True)
    answers = dict(service_http.provider_answers)
    assert is_jwe(answers["/token"].get_json()["id_token"])
    assert answers["/userinfo"].mimetype == "application/jwt" and is_jwe(answers["/userinfo"].get_data(as_text=True))
    assert NIK.encode() not in answers["/userinfo"].get_data()
    page = service_http.get("/").get_data(as_text=True)
    assert f'data-claim="nik">{NIK}<' in page.replace("\n", "")


def test_a_service_signs_no_one_in_when_the_id_token_does_not_decrypt_with_its_key(
    http, app, make_client, monkeypatch, tmp_path, citizen_with_nik
):
    client = register_vaccination(make_client, **encrypted_responses())
    other_key = ECKey.generate_key("P-256", parameters={"use": "enc"}, auto_kid=True)
    service_http = vaccination_http(monkeypatch, app, tmp_path, client, enc_key=other_key)
    response = sign_in_at(http, service_http)
    assert response.status_code == 400
    with service_http.session_transaction() as session:
        assert "sign_in" not in session


def signed_in_claims(service_http) -> dict:
    with service_http.session_transaction() as session:
        return session["sign_in"]["id_token_claims"]


def test_vaccination_decrypts_its_logout_token_and_ends_the_sign_in__bcl_2_6(
    http, app, make_client, monkeypatch, tmp_path, citizen_with_nik
):
    client = register_vaccination(make_client, **encrypted_responses())
    service_http = vaccination_http(monkeypatch, app, tmp_path, client)
    sign_in_at(http, service_http)
    assert "data-claim" in service_http.get("/").get_data(as_text=True)  # signed in
    claims = signed_in_claims(service_http)
    token = logout_token(client, claims["sub"], claims["sid"])  # as JAKI ID sends it
    assert is_jwe(token)
    response = service_http.post("/backchannel-logout", data={"logout_token": token})
    assert response.status_code == 200, response.get_json()
    assert "data-claim" not in service_http.get("/").get_data(as_text=True)  # signed out


def test_an_encrypting_service_refuses_a_logout_token_in_clear__bcl_2_6(
    http, app, make_client, monkeypatch, tmp_path, citizen_with_nik
):
    client = register_vaccination(make_client, **encrypted_responses())
    service_http = vaccination_http(monkeypatch, app, tmp_path, client)
    sign_in_at(http, service_http)
    claims = signed_in_claims(service_http)
    client.id_token_encrypted_response_alg = None  # as if JAKI ID forgot the encryption
    token = logout_token(client, claims["sub"], claims["sid"])
    response = service_http.post("/backchannel-logout", data={"logout_token": token})
    assert response.status_code == 400 and "not encrypted" in response.get_json()["error_description"]


def book_first_slot(service_http, page: str) -> None:
    """What the booking form does, written straight into the service's own database."""
    from clients.vaccination.models import Booking, Slot
    from clients.vaccination.models import db as service_db

    sub = re.search(r'data-claim="sub">([^<]+)<', page.replace("\n", "")).group(1)
    with service_http.application.app_context():
        service_db.session.add(Booking(citizen_sub=sub, slot=service_db.session.scalars(select(Slot)).first()))
        service_db.session.commit()


def test_vaccination_records_the_booking_under_the_nik_it_was_allowed_for_the_certificate(
    http, app, make_client, monkeypatch, tmp_path, citizen_with_nik
):
    client = register_vaccination(make_client, **encrypted_responses())
    service_http = vaccination_http(monkeypatch, app, tmp_path, client)
    sign_in_at(http, service_http)
    book_first_slot(service_http, service_http.get("/").get_data(as_text=True))
    page = service_http.get("/").get_data(as_text=True)
    assert "sertifikat vaksin nasional (SATUSEHAT) atas NIK yang berakhiran 0001" in page


def test_vaccination_without_the_nik_says_how_to_get_the_certificate(
    http, app, make_client, monkeypatch, tmp_path, make_citizen
):
    make_citizen(phone="+6281234567890", name="Budi", birthdate=date(1990, 5, 17))
    client = register_vaccination(make_client, **encrypted_responses())
    service_http = vaccination_http(monkeypatch, app, tmp_path, client)
    sign_in_at(http, service_http)
    book_first_slot(service_http, service_http.get("/").get_data(as_text=True))
    page = service_http.get("/").get_data(as_text=True)
    assert "tambahkan NIK Anda di akun JAKI ID" in page and "berakhiran" not in page
