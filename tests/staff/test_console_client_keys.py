"""The operator console sets or replaces a client's public keys (a JWK Set or a
jwks_uri) and the encryption of its ID tokens and UserInfo: public keys only, each
usable by an algorithm JAKI ID uses, a client allowed the NIK keeps its encryption,
and every change is an audit event."""

import json

import pytest
from joserfc.jwk import ECKey, RSAKey
from sqlalchemy import select

from idp.audit import types as audit
from idp.extensions import db
from idp.models import AuditEvent, Client
from idp.outbound import client_jwks
from tests.agency_server import AgencyServer
from tests.conftest import REDIRECT_URI, post_form
from tests.encryption_keys import ALG, RP_KEY, encrypted_responses, public_jwks
from tests.staff.conftest import staff_sign_in


@pytest.fixture
def operator(http, make_staff):
    staff_sign_in(http, make_staff("ani", "operator"))
    http.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return http


def keys_page(client) -> str:
    return f"/staff/console/clients/{client.client_id}/keys"


def save(operator, client, jwks="", jwks_uri="", encryption=""):
    text = jwks if isinstance(jwks, str) else json.dumps(jwks)
    return post_form(operator, keys_page(client), {"jwks": text, "jwks_uri": jwks_uri, "encryption": encryption})


def events(kind):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.type == kind)))


def refreshed(client) -> Client:
    db.session.expire_all()
    return db.session.get(Client, client.id)


def assert_refused(response, mentions):
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "The keys were not changed" in page and mentions in page, page
    assert events(audit.CLIENT_KEYS_REPLACED) == []


def test_an_operator_sets_an_encryption_key_and_the_change_is_audited(operator, make_client):
    client = make_client()
    response = save(operator, client, public_jwks(), encryption=ALG)
    assert response.status_code == 303 and response.location.endswith(f"/staff/console/clients/{client.client_id}")
    changed = refreshed(client)
    assert changed.jwks == public_jwks() and changed.userinfo_encrypted_response_alg == ALG
    assert changed.id_token_encrypted_response_enc == "A256GCM"
    (event,) = events(audit.CLIENT_KEYS_REPLACED)
    assert event.client_id == client.client_id and event.actor_kind == "staff"
    assert event.details == {"key_ids": [RP_KEY.kid], "jwks_uri": None, "encryption": ALG}
    page = operator.get(f"/staff/console/clients/{client.client_id}").get_data(as_text=True)
    assert RP_KEY.kid in page and ALG in page


def test_the_keys_page_shows_the_current_keys(operator, make_client):
    client = make_client(**encrypted_responses())
    page = operator.get(keys_page(client)).get_data(as_text=True)
    assert RP_KEY.kid in page and f"<option selected>{ALG}</option>" in page


def test_a_private_key_is_refused(operator, make_client):
    client = make_client()
    private = {"keys": [RP_KEY.as_dict(private=True)]}
    assert_refused(save(operator, client, private, encryption=ALG), "public keys only")
    assert refreshed(client).jwks is None


def test_a_key_no_algorithm_of_ours_can_use_is_refused(operator, make_client):
    client = make_client()
    rs384 = RSAKey.generate_key(2048, parameters={"alg": "RS384"}).as_dict(private=False)
    assert_refused(save(operator, client, {"keys": [rs384]}, encryption=ALG), "alg RS384 is not one JAKI ID uses")


def test_an_rsa_key_under_2048_bits_is_refused(operator, make_client):
    client = make_client()
    with pytest.warns(Warning):  # joserfc warns too
        small = RSAKey.generate_key(1024, parameters={"use": "enc"}).as_dict(private=False)
    assert_refused(save(operator, client, {"keys": [small]}, encryption="RSA-OAEP-256"), "2048")


def test_encryption_without_a_key_for_it_is_refused(operator, make_client):
    client = make_client()
    signing = ECKey.generate_key("P-256", parameters={"use": "sig"}).as_dict(private=False)
    assert_refused(save(operator, client, {"keys": [signing]}, encryption=ALG), f"no encryption key for {ALG}")


def test_text_that_is_not_json_is_refused_and_kept_to_correct(operator, make_client):
    client = make_client()
    response = save(operator, client, '{"keys": [', encryption=ALG)
    assert_refused(response, "not valid JSON")
    assert "{&#34;keys&#34;: [" in response.get_data(as_text=True)


def test_a_jwk_set_and_a_jwks_uri_together_are_refused(operator, make_client):
    client = make_client()
    assert_refused(save(operator, client, public_jwks(), "https://permits.example/jwks.json", ALG), "not both")


def test_a_client_allowed_the_nik_keeps_its_encryption(operator, make_client):
    client = make_client(scope="openid nik", **encrypted_responses())
    assert_refused(save(operator, client, public_jwks(), encryption=""), "nik is sensitive")
    assert refreshed(client).userinfo_encrypted_response_alg == ALG


def test_a_jwks_uri_is_fetched_for_a_client_allowed_the_nik(operator, make_client):
    client = make_client(scope="openid nik", **encrypted_responses())
    agency = AgencyServer()
    try:
        uri = agency.serve_json("/jwks.json", public_jwks())
        response = save(operator, client, jwks_uri=uri, encryption=ALG)
        assert response.status_code == 303
        assert agency.requests == ["/jwks.json"]
        missing = agency.url("/gone.json")
        assert_refused_after_success(save(operator, client, jwks_uri=missing, encryption=ALG))
    finally:
        agency.close()
        client_jwks.forget()
    changed = refreshed(client)
    assert (changed.jwks_uri, changed.jwks) == (uri, None)


def assert_refused_after_success(response):
    assert response.status_code == 400
    assert "jwks_uri could not be fetched" in response.get_data(as_text=True)


def test_the_console_registers_a_client_allowed_the_nik_with_its_key(operator):
    data = {
        "name": "Vaksinasi",
        "redirect_uris": REDIRECT_URI,
        "scope": ["openid", "nik"],
        "auth_method": "client_secret_basic",
        "id_token_alg": "RS256",
        "jwks": json.dumps(public_jwks()),
        "encryption": ALG,
    }
    response = post_form(operator, "/staff/console/clients/new", data)
    assert response.status_code == 200, response.get_data(as_text=True)[:800]
    client = db.session.scalar(select(Client))
    assert client.scope == "openid nik" and client.id_token_encrypted_response_alg == ALG


def test_auditors_cannot_change_keys(http, make_staff, make_client):
    client = make_client()
    staff_sign_in(http, make_staff("budi", "auditor"))
    assert http.get(keys_page(client)).status_code == 403
    assert post_form(http, keys_page(client), {"jwks": json.dumps(public_jwks())}).status_code == 403
    assert refreshed(client).jwks is None
