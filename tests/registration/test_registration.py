"""Dynamic Client Registration (OIDC Registration 1.0, RFC 7591) with an initial
access token an operator issued to the agency, bounding its scopes and sector."""

import pytest

from idp.extensions import db
from idp.models import Client
from idp.services import initial_access_tokens
from tests.conftest import REDIRECT_URI, AuthRequest
from tests.oidc.flows import full_flow, id_claims
from tests.registration.conftest import as_client, register, registered


def assert_metadata_error(response, error="invalid_client_metadata", mentions=""):
    assert response.status_code == 400, response.get_json()
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["error"] == error, body
    assert mentions in body["error_description"]
    assert db.session.query(Client).count() == 0


def test_discovery_advertises_the_registration_endpoint(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert metadata["registration_endpoint"] == "https://id.jakarta.test/register"


def test_a_registration_returns_credentials_and_the_rfc7591_3_2_1_members(http, token, clock):
    response = register(http, token)
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["client_id"] and len(body["client_secret"]) >= 43
    assert body["client_id_issued_at"] == int(clock.now)
    assert body["client_secret_expires_at"] == 0
    assert len(body["registration_access_token"]) >= 43
    assert body["registration_client_uri"] == f"https://id.jakarta.test/register/{body['client_id']}"
    assert body["redirect_uris"] == [REDIRECT_URI]
    assert body["token_endpoint_auth_method"] == "client_secret_basic"
    assert body["scope"] == "openid profile phone"  # the token's scopes, by default


def test_a_registered_client_signs_citizens_in(http, token):
    client = as_client(registered(http, token, id_token_signed_response_alg="ES256"))
    auth = AuthRequest(client)
    result = full_flow(http, auth)
    tokens = auth.token_request(http, result["code"]).get_json()
    assert id_claims(tokens)["aud"] == client.client_id


def test_every_client_of_an_agency_has_its_sector_so_the_same_sub(http, token):
    first = as_client(registered(http, token))
    second = as_client(registered(http, token, redirect_uris=["https://app.permits.example/cb"]))
    subs = []
    for client, uri in ((first, REDIRECT_URI), (second, "https://app.permits.example/cb")):
        auth = AuthRequest(client, redirect_uri=uri)
        subs.append(id_claims(auth.token_request(http, full_flow(http, auth)["code"]).get_json())["sub"])
    assert subs[0] == subs[1]


@pytest.mark.parametrize("header", [None, "Bearer not-a-token", "Basic Zm9vOmJhcg=="])
def test_without_a_valid_initial_access_token_nothing_is_registered_rfc6750_3_1(http, header):
    headers = {"Authorization": header} if header else {}
    response = http.post("/register", json={"client_name": "x", "redirect_uris": [REDIRECT_URI]}, headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"] == "invalid_token"
    assert response.headers["WWW-Authenticate"].startswith('Bearer error="invalid_token"')
    assert db.session.query(Client).count() == 0


def test_an_expired_initial_access_token_registers_nothing(http, agency_token, clock):
    token = agency_token(days=1).token
    clock.advance(24 * 3600 + 1)
    assert register(http, token).status_code == 401


def test_a_revoked_initial_access_token_registers_nothing_but_its_clients_stay(http, agency_token):
    issued = agency_token()
    body = registered(http, issued.token)
    initial_access_tokens.revoke(issued.row)
    assert register(http, issued.token).status_code == 401
    headers = {"Authorization": f"Bearer {body['registration_access_token']}"}
    assert http.get(f"/register/{body['client_id']}", headers=headers).status_code == 200


def test_a_scope_beyond_the_agencys_token_is_refused(http, agency_token):
    token = agency_token(scopes="openid profile").token
    assert_metadata_error(register(http, token, scope="openid phone"), mentions="scope phone")


@pytest.mark.parametrize(
    "uri", ["http://permits.example/cb", "https://permits.example/cb#top", "https://u:p@permits.example/cb", "cb"]
)
def test_redirect_uris_must_be_https_without_fragment_rfc7591_3_2_2(http, token, uri):
    assert_metadata_error(register(http, token, redirect_uris=[uri]), error="invalid_redirect_uri")


def test_redirect_uris_are_required(http, token):
    assert_metadata_error(register(http, token, redirect_uris=[]), error="invalid_redirect_uri")


def test_http_redirect_uris_are_allowed_on_loopback_only_rfc8252_7_3(http, agency_token):
    token = agency_token(sector="localhost").token
    assert registered(http, token, redirect_uris=["http://localhost:8080/cb"])["redirect_uris"]


def test_a_redirect_uri_outside_the_agencys_sector_is_refused(http, token):
    response = register(http, token, redirect_uris=["https://elsewhere.example/cb"])
    assert_metadata_error(response, error="invalid_redirect_uri", mentions="permits.example")


def test_jwks_and_jwks_uri_together_are_refused_oidc_registration_2(http, token):
    jwks = {"keys": [{"kty": "EC", "crv": "P-256", "x": "a", "y": "b"}]}
    response = register(
        http, token, token_endpoint_auth_method="private_key_jwt", jwks=jwks, jwks_uri="https://permits.example/jwks"
    )
    assert_metadata_error(response, mentions="mutually exclusive")


@pytest.mark.parametrize(
    ("member", "value", "mentions"),
    [
        ("response_types", ["code", "token"], "response_types"),
        ("grant_types", ["client_credentials"], "grant_types"),
        ("subject_type", "public", "pairwise"),
        ("application_type", "native", "application_type"),
        ("token_endpoint_auth_method", "client_secret_jwt", "token_endpoint_auth_method"),
        ("client_name", "Perizinan\u0000", "control characters"),
        ("client_name", 7, "client_name"),
        ("id_token_signed_response_alg", "HS256", "ID token algorithm"),
        ("id_token_signed_response_alg", "none", "ID token algorithm"),
        ("logo_uri", "http://permits.example/logo.png", "logo_uri must be https"),
        ("policy_uri", "javascript:alert(1)", "policy_uri must be https"),
        ("tos_uri", "https://permits.example/tos#x", "tos_uri must not contain a fragment"),
        ("post_logout_redirect_uris", ["http://permits.example/bye"], "post_logout_redirect_uris"),
    ],
)
def test_bad_metadata_is_invalid_client_metadata_with_a_useful_description(http, token, member, value, mentions):
    assert_metadata_error(register(http, token, **{member: value}), mentions=mentions)


def test_a_client_name_is_required(http, token):
    assert_metadata_error(register(http, token, document={"redirect_uris": [REDIRECT_URI]}), mentions="client_name")


def test_a_body_that_is_not_a_json_object_is_refused(http, token):
    headers = {"Authorization": f"Bearer {token}"}
    assert_metadata_error(http.post("/register", json=["x"], headers=headers))
    assert_metadata_error(http.post("/register", data="name=x", headers=headers), mentions="application/json")


def test_logo_policy_and_terms_are_stored_and_returned(http, token):
    uris = {
        "logo_uri": "https://permits.example/logo.png",
        "policy_uri": "https://permits.example/privacy",
        "tos_uri": "https://permits.example/terms",
    }
    body = registered(http, token, **uris)
    assert {name: body[name] for name in uris} == uris


def test_a_client_may_ask_for_par_and_dpop_bound_tokens_rfc9126_6_rfc9449_5_2(http, token):
    assert_metadata_error(register(http, token, dpop_bound_access_tokens="yes"), mentions="true or false")
    body = registered(http, token, require_pushed_authorization_requests=True, dpop_bound_access_tokens=True)
    assert body["require_pushed_authorization_requests"] is True and body["dpop_bound_access_tokens"] is True


def test_signed_userinfo_and_back_channel_logout_are_registered_oidc_registration_2(http, token):
    body = registered(
        http,
        token,
        userinfo_signed_response_alg="ES256",
        backchannel_logout_uri="https://permits.example/backchannel",
        backchannel_logout_session_required=True,
    )
    assert body["userinfo_signed_response_alg"] == "ES256"
    assert body["backchannel_logout_uri"] == "https://permits.example/backchannel"
    assert body["backchannel_logout_session_required"] is True


def test_encrypted_tokens_need_the_clients_keys(http, token):
    response = register(
        http, token, id_token_encrypted_response_alg="RSA-OAEP-256", id_token_encrypted_response_enc="A256GCM"
    )
    assert_metadata_error(response, mentions="jwks or jwks_uri")
