"""The scope catalogue: discovery, the claims each scope releases, offline_access (OIDC Core 5.4, 11)."""

from datetime import date

from sqlalchemy import select

from idp.extensions import db
from idp.models import Citizen, Consent
from idp.protocol.scopes import CATALOGUE, Sensitivity
from tests.conftest import AuthRequest, post_form
from tests.encryption_keys import encrypted_responses, userinfo_claims
from tests.oidc.flows import assert_oauth_error, refresh, tokens_for, userinfo

ALL = "openid profile phone address nik offline_access"
ADDRESS = {
    "street": "Jl. Kebon Sirih No. 5",
    "rt": "003",
    "rw": "007",
    "kelurahan": "Gondangdia",
    "kecamatan": "Menteng",
    "city": "Jakarta Pusat",
    "province": "DKI Jakarta",
    "postal_code": "10350",
}


def complete_profile(phone="+6281234567890"):
    citizen = db.session.scalar(select(Citizen).where(Citizen.phone_number == phone))
    citizen.birthdate, citizen.gender, citizen.address = date(1985, 2, 3), "female", ADDRESS
    citizen.nik = "3171034302850001"
    db.session.commit()


def test_discovery_lists_the_catalogue(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert metadata["scopes_supported"] == ["openid", "profile", "phone", "address", "nik", "offline_access"]
    assert {"gender", "address", "nik", "phone_number"} <= set(metadata["claims_supported"])


def test_only_the_nik_is_sensitive_and_only_openid_is_not_optional():
    assert [s.name for s in CATALOGUE.values() if s.sensitivity == Sensitivity.SENSITIVE] == ["nik"]
    assert [s.name for s in CATALOGUE.values() if not s.optional] == ["openid"]


def test_userinfo_releases_gender_address_and_nik_when_granted(http, make_client):
    client = make_client(scope=ALL, **encrypted_responses())
    tokens_for(http, client, scope="openid")  # the citizen exists now
    complete_profile()
    tokens = tokens_for(http, client, scope="openid profile address nik")
    claims = userinfo_claims(userinfo(http, tokens["access_token"]))  # the NIK only encrypted
    assert claims["gender"] == "female"
    assert claims["nik"] == "3171034302850001"
    assert claims["address"]["kelurahan"] == "Gondangdia"
    assert "phone_number" not in claims


def test_without_the_nik_scope_no_nik(http, make_client):
    client = make_client(scope=ALL, **encrypted_responses())
    tokens_for(http, client, scope="openid")
    complete_profile()
    claims = userinfo_claims(userinfo(http, tokens_for(http, client, scope="openid profile address")["access_token"]))
    assert "nik" not in claims and "address" in claims


def test_the_nik_is_encrypted_at_rest(http, make_client):
    tokens_for(http, make_client(), scope="openid")
    complete_profile()
    stored = db.session.scalar(select(Citizen.nik_encrypted))
    assert b"3171034302850001" not in stored


def sign_out(http):
    http.get("/end_session")
    with http.session_transaction() as session:
        token = session["csrf_token"]
    http.post("/end_session/confirm", data={"csrf_token": token})


def test_offline_access_outlives_the_sign_in_session(http, make_client):
    client = make_client(scope=ALL, **encrypted_responses())
    tokens = tokens_for(http, client, scope="openid offline_access")
    assert "offline_access" in tokens["scope"].split()
    sign_out(http)
    assert refresh(http, client, tokens["refresh_token"]).status_code == 200


def test_without_offline_access_refresh_tokens_end_with_the_session(http, make_client):
    client = make_client(scope=ALL, **encrypted_responses())
    tokens = tokens_for(http, client, scope="openid")
    sign_out(http)
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_grant")


def test_a_withdrawal_ends_offline_access_too(http, make_client):
    client = make_client(scope=ALL, **encrypted_responses())
    tokens = tokens_for(http, client, scope="openid offline_access")
    consent_id = db.session.scalar(select(Consent.id))
    post_form(http, f"/account/services/{consent_id}/revoke", {})
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_grant")


def test_a_scope_the_client_did_not_register_is_invalid_scope(http, make_client):
    client = make_client(scope="openid profile")
    auth = AuthRequest(client, scope="openid offline_access")
    result = auth.result(auth.start(http))
    assert result["error"] == "invalid_scope"
    assert "offline_access" in result["error_description"]
    assert result["state"] == auth.state


def test_a_scope_nobody_knows_is_ignored_oidc_core_3_1_2_1(http, make_client):
    tokens = tokens_for(http, make_client(scope="openid profile"), scope="openid profile email")
    assert tokens["scope"] == "openid profile"
