"""A client allowed a sensitive scope (the NIK) receives ID tokens and UserInfo only
encrypted to its own key (idp/protocol/sensitive_scopes.py): refused without one
wherever a client is created or changed, and a client registered before the rule
gets no tokens rather than the number in clear."""

import json

import pytest
from joserfc.jwk import ECKey, RSAKey

from idp.extensions import db
from idp.models import Client
from tests.conftest import REDIRECT_URI, AuthRequest, post_form
from tests.encryption_keys import (
    ALG,
    ENC,
    RP_KEY,
    encrypted_responses,
    id_token_claims,
    public_jwks,
    userinfo_claims,
)
from tests.oidc.flows import assert_oauth_error, full_flow, refresh, tokens_for, userinfo
from tests.oidc.test_scope_catalogue import complete_profile
from tests.registration.conftest import register, registered
from tests.staff.conftest import staff_sign_in

NIK = "3171034302850001"
NIK_PURPOSE = ("--purpose", "nik=Untuk mencatat vaksinasi Anda")


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def cli_create(cli, *extra):
    return cli(
        "clients", "create", "--name", "Vaksinasi", "--redirect-uri", REDIRECT_URI,
        "--scope", "openid nik", *NIK_PURPOSE, "--json", *extra,
    )  # fmt: skip


def jwks_file(tmp_path, *keys):
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(public_jwks(*keys)))
    return str(path)


def encryption_flags(tmp_path, key=RP_KEY, alg=ALG):
    return ("--jwks", jwks_file(tmp_path, key), "--id-token-encryption-alg", alg, "--userinfo-encryption-alg", alg)


# flask clients create / update


def test_cli_refuses_a_nik_client_without_encryption(cli):
    result = cli_create(cli)
    assert result.exit_code != 0
    assert "nik is sensitive" in result.output and "id_token_encrypted_response_alg" in result.output
    assert db.session.query(Client).count() == 0


def test_cli_refuses_a_nik_client_that_encrypts_only_its_id_tokens(cli, tmp_path):
    result = cli_create(cli, "--jwks", jwks_file(tmp_path, RP_KEY), "--id-token-encryption-alg", ALG)
    assert result.exit_code != 0
    assert "userinfo_encrypted_response_alg" in result.output


def test_cli_registers_a_nik_client_with_its_encryption_key(cli, tmp_path):
    result = cli_create(cli, *encryption_flags(tmp_path))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id_token_encrypted_response_enc"] == data["userinfo_encrypted_response_enc"] == ENC


def test_cli_update_cannot_drop_the_encryption_of_a_nik_client(cli, tmp_path):
    client_id = json.loads(cli_create(cli, *encryption_flags(tmp_path)).stdout)["client_id"]
    result = cli("clients", "update", client_id, "--no-userinfo-encryption")
    assert result.exit_code != 0 and "nik is sensitive" in result.output
    db.session.expire_all()
    assert db.session.query(Client).one().userinfo_encrypted_response_alg == ALG


def test_cli_update_cannot_take_away_the_encryption_key(cli, tmp_path):
    client_id = json.loads(cli_create(cli, *encryption_flags(tmp_path)).stdout)["client_id"]
    signing_only = RSAKey.generate_key(2048, parameters={"use": "sig"})
    result = cli("clients", "update", client_id, "--jwks", jwks_file(tmp_path, signing_only))
    assert result.exit_code != 0 and "no encryption key" in result.output


# Dynamic registration (RFC 7591) and client configuration (RFC 7592)


@pytest.fixture
def nik_token(agency_token):
    return agency_token(scopes="openid profile nik").token


def assert_refused(response, mentions):
    assert response.status_code == 400, response.get_json()
    body = response.get_json()
    assert body["error"] == "invalid_client_metadata"
    assert mentions in body["error_description"]


def encrypted_metadata(**overrides) -> dict:
    return {
        "scope": "openid nik",
        "jwks": public_jwks(),
        "id_token_encrypted_response_alg": ALG,
        "id_token_encrypted_response_enc": ENC,
        "userinfo_encrypted_response_alg": ALG,
        "userinfo_encrypted_response_enc": ENC,
    } | overrides


def test_registration_refuses_nik_without_encryption_rfc7591_3_2_2(http, nik_token):
    response = register(http, nik_token, scope="openid nik")
    assert_refused(response, "nik is sensitive and is released only encrypted")
    assert db.session.query(Client).count() == 0


def test_registration_refuses_nik_with_userinfo_in_clear(http, nik_token):
    document = encrypted_metadata(userinfo_encrypted_response_alg=None, userinfo_encrypted_response_enc=None)
    response = register(http, nik_token, **{k: v for k, v in document.items() if v is not None})
    assert_refused(response, "userinfo_encrypted_response_alg/enc")


def test_registration_accepts_nik_with_encryption_and_a_key(http, nik_token):
    body = registered(http, nik_token, **encrypted_metadata())
    assert body["userinfo_encrypted_response_alg"] == ALG


def test_registration_fetches_the_jwks_uri_of_a_nik_client_and_finds_the_key(http, nik_token, agency):
    uri = agency.serve_json("/jwks.json", public_jwks())
    body = registered(http, nik_token, **encrypted_metadata(jwks=None, jwks_uri=uri) | {"jwks": None})
    assert body["jwks_uri"] == uri and "/jwks.json" in agency.requests


def test_registration_refuses_a_jwks_uri_without_an_encryption_key(http, nik_token, agency):
    signing = ECKey.generate_key("P-256", parameters={"use": "sig"})
    uri = agency.serve_json("/jwks.json", public_jwks(signing))
    response = register(http, nik_token, **encrypted_metadata(jwks_uri=uri) | {"jwks": None})
    assert_refused(response, f"no encryption key (use enc) for {ALG}")


def test_registration_refuses_a_jwks_uri_that_cannot_be_fetched(http, nik_token, agency):
    response = register(http, nik_token, **encrypted_metadata(jwks_uri=agency.url("/missing")) | {"jwks": None})
    assert_refused(response, "jwks_uri could not be fetched")


def test_an_rfc7592_update_cannot_drop_the_encryption_of_a_nik_client(http, nik_token):
    body = registered(http, nik_token, **encrypted_metadata())
    document = {"client_id": body["client_id"], "client_name": "Vaksinasi", "redirect_uris": [REDIRECT_URI]}
    document |= {"scope": "openid nik", "jwks": public_jwks()}
    headers = {"Authorization": f"Bearer {body['registration_access_token']}"}
    response = http.put(f"/register/{body['client_id']}", json=document, headers=headers)
    assert_refused(response, "nik is sensitive")


def test_an_rfc7592_update_cannot_add_nik_without_encryption(http, nik_token):
    body = registered(http, nik_token, scope="openid profile")
    document = {"client_id": body["client_id"], "client_name": "Vaksinasi", "redirect_uris": [REDIRECT_URI]}
    headers = {"Authorization": f"Bearer {body['registration_access_token']}"}
    response = http.put(f"/register/{body['client_id']}", json=document | {"scope": "openid nik"}, headers=headers)
    assert_refused(response, "nik is sensitive")


# The operator console


def test_the_console_refuses_a_nik_client_without_encryption(http, make_staff):
    staff_sign_in(http, make_staff("ani", "operator"))
    http.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    data = {"name": "Vaksinasi", "redirect_uris": REDIRECT_URI, "scope": ["openid", "nik"], "id_token_alg": "RS256"}
    response = post_form(http, "/staff/console/clients/new", data)
    assert response.status_code == 400
    assert "nik is sensitive" in response.get_data(as_text=True)
    assert db.session.query(Client).count() == 0


# What a client receives


def test_the_nik_arrives_encrypted_to_the_client(http, make_client):
    client = make_client(scope="openid nik", **encrypted_responses())
    tokens_for(http, client, scope="openid")
    complete_profile()
    tokens = tokens_for(http, client, scope="openid nik")
    assert id_token_claims(tokens)["aud"] == client.client_id
    response = userinfo(http, tokens["access_token"])
    assert NIK not in response.get_data(as_text=True)
    assert userinfo_claims(response)["nik"] == NIK


def legacy_client(make_client):
    """A client allowed the NIK before the rule: as its row may still be."""
    client = make_client(scope="openid nik", **encrypted_responses())
    client.userinfo_encrypted_response_alg = client.userinfo_encrypted_response_enc = None
    db.session.commit()
    return client


def test_a_client_allowed_nik_in_clear_gets_no_tokens_and_its_code_stays_unspent(http, make_client):
    client = legacy_client(make_client)
    auth = AuthRequest(client, scope="openid nik")
    code = full_flow(http, auth)["code"]
    response = auth.token_request(http, code)
    assert_oauth_error(response, "unauthorized_client")
    assert "nik is released only encrypted" in response.get_json()["error_description"]
    client.userinfo_encrypted_response_alg, client.userinfo_encrypted_response_enc = ALG, ENC
    db.session.commit()  # an operator registers the key: the same code now works
    assert auth.token_request(http, code).status_code == 200


def test_a_client_allowed_nik_in_clear_still_gets_tokens_without_the_nik(http, make_client):
    client = legacy_client(make_client)
    assert "access_token" in tokens_for(http, client, scope="openid")


def test_userinfo_refuses_a_nik_token_held_by_a_client_that_lost_its_encryption(http, make_client):
    client = make_client(scope="openid nik", **encrypted_responses())
    tokens = tokens_for(http, client, scope="openid nik")
    client.userinfo_encrypted_response_alg = client.userinfo_encrypted_response_enc = None
    db.session.commit()
    response = userinfo(http, tokens["access_token"])
    assert response.status_code == 403
    assert response.get_json()["error"] == "unauthorized_client"


def test_refresh_refuses_a_nik_grant_to_a_client_that_lost_its_encryption(http, make_client):
    client = make_client(scope="openid nik offline_access", **encrypted_responses())
    tokens = tokens_for(http, client, scope="openid nik offline_access", prompt="consent")
    client.id_token_encrypted_response_alg = client.id_token_encrypted_response_enc = None
    db.session.commit()
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "unauthorized_client")
