"""The tax service's FAPI 2.0 client (clients/common/fapi.py) against the real provider,
in one process: its HTTP requests to the issuer are answered by the provider's test client.

The browser journey (tests/e2e) does the same over real HTTP and pays a bill; this one
is quick, and also meets a server that requires DPoP nonces.
"""

import json
from datetime import date
from urllib.parse import urlsplit

import pytest
import requests
from joserfc.jwk import ECKey
from sqlalchemy import select

from demo.serve import load_service, prepare_database
from idp.extensions import db
from idp.models import PushedAuthorizationRequest, Token
from tests.conftest import ISSUER, consent_allow, sign_in
from tests.encryption_keys import RP_KEY, encrypted_responses, is_jwe, public_jwks
from tests.provider_adapter import ProviderAdapter

SERVICE_URL = "http://localhost"
TAXPAYER = ("Budi Santoso", "1985-04-12")  # in the tax office's demo records


@pytest.fixture
def tax_http(app, make_client, monkeypatch, tmp_path):
    key = ECKey.generate_key("P-256", parameters={"use": "sig"}, auto_kid=True)
    client = make_client(
        name="Pajak Daerah",
        redirect_uris=[f"{SERVICE_URL}/auth/callback"],
        auth_method="private_key_jwt",
        id_token_alg="ES256",
        profile="fapi2",
        scope="openid profile nik",  # the tax service asks for the NIK now that JAKI ID offers it
        # ... which it receives only encrypted to its own key (beside its signing key).
        **encrypted_responses() | {"jwks": public_jwks(key, RP_KEY)},
    )
    adapter = ProviderAdapter(app.test_client())
    get_adapter = requests.Session.get_adapter
    monkeypatch.setattr(
        requests.Session,
        "get_adapter",
        lambda session, url: adapter if url.startswith(ISSUER) else get_adapter(session, url),
    )
    tax = load_service("tax")
    tax_app = tax.create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "JAKI_ISSUER": ISSUER,
            "JAKI_CLIENT_ID": client.client_id,
            "JAKI_CLIENT_JWK": json.dumps(key.as_dict(private=True)),
            "JAKI_CLIENT_ENC_JWK": json.dumps(RP_KEY.as_dict(private=True)),
            "SERVICE_URL": SERVICE_URL,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'tax.db'}",
        }
    )
    prepare_database(tax, tax_app)
    tax_http = tax_app.test_client()
    tax_http.client_id = client.client_id
    tax_http.provider_answers = adapter.answers
    return tax_http


def sign_in_at_tax(http, tax_http):
    """The citizen's browser: the service, JAKI ID's pages, back to the service."""
    started = tax_http.get("/login")
    authorization = urlsplit(started.headers["Location"])
    assert f"{authorization.scheme}://{authorization.netloc}" == ISSUER
    assert set(dict(pair.split("=", 1) for pair in authorization.query.split("&"))) == {"client_id", "request_uri"}
    response = http.get(f"{authorization.path}?{authorization.query}")
    response = http.get(sign_in(http, "081234567890", response.location, profile=TAXPAYER).location)
    response = consent_allow(http, response)
    callback = urlsplit(response.location)
    assert response.location.startswith(f"{SERVICE_URL}/auth/callback")
    return tax_http.get(f"{callback.path}?{callback.query}")


def test_fapi2_the_tax_service_signs_in_through_par_private_key_jwt_and_dpop(http, tax_http):
    response = sign_in_at_tax(http, tax_http)
    assert response.status_code == 302 and response.headers["Location"] == "/", response.get_data(as_text=True)
    assert "Objek pajak atas nama Budi Santoso" in tax_http.get("/").get_data(as_text=True)
    [token] = db.session.scalars(select(Token).where(Token.client_id == tax_http.client_id))
    assert token.dpop_jkt  # its tokens are sender-constrained
    [pushed] = db.session.scalars(select(PushedAuthorizationRequest))
    assert pushed.used_at is not None


def test_fapi2_5_3_2_1_10_the_tax_service_answers_a_dpop_nonce(http, tax_http, app, monkeypatch):
    monkeypatch.setitem(app.config, "DPOP_NONCE_REQUIRED", True)
    response = sign_in_at_tax(http, tax_http)
    assert response.status_code == 302 and response.headers["Location"] == "/", response.get_data(as_text=True)


def test_the_nik_reaches_the_tax_service_only_encrypted_and_it_decrypts_it(http, tax_http, make_citizen):
    # Named unlike the tax records, so only the NIK can find the taxpayer.
    citizen = make_citizen(phone="+6281234567890", name="B. Santoso", birthdate=date(1985, 4, 12))
    citizen.nik = "3171011204850001"
    db.session.commit()
    response = sign_in_at_tax(http, tax_http)
    assert response.status_code == 302, response.get_data(as_text=True)
    answers = dict(tax_http.provider_answers)
    assert is_jwe(answers["/token"].get_json()["id_token"])
    assert answers["/userinfo"].mimetype == "application/jwt"
    assert is_jwe(answers["/userinfo"].get_data(as_text=True))
    assert b"3171011204850001" not in answers["/userinfo"].get_data()
    assert "Objek pajak atas nama Budi Santoso" in tax_http.get("/").get_data(as_text=True)
