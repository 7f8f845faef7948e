"""FAPI 2.0 Security Profile 5.2 (network), 5.3.4 (resources: our UserInfo) and 5.4 (cryptography)."""

import time

import pytest
from joserfc import jws, jwt
from joserfc.jwk import RSAKey

from idp.services.clients import InvalidClientMetadata, register
from tests.conftest import ISSUER
from tests.fapi2.conftest import FapiFlow
from tests.fapi2.test_5_3_2_1_general import fapi2_spec
from tests.oidc.dpop import USERINFO_URL, proof
from tests.oidc.flows import assert_oauth_error


def test_fapi2_5_2_2_no_cors_on_the_authorization_endpoint(http, flow):
    response = flow.start(http)
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = http.options("/authorize", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_fapi2_5_2_2_hsts_on_browser_endpoints_in_production(http, flow, app, monkeypatch):
    monkeypatch.setitem(app.config, "ENV", "production")
    assert "max-age=" in flow.start(http).headers["Strict-Transport-Security"]


def test_fapi2_5_3_4_the_token_only_in_the_header(http, flow):
    tokens = flow.tokens(http)
    response = http.get("/userinfo", query_string={"access_token": tokens["access_token"]})
    assert response.status_code == 400


@pytest.mark.parametrize("scheme", ["DPoP", "dpop", "DPOP"])
def test_fapi2_5_3_4_the_dpop_scheme_is_case_insensitive(http, flow, scheme):
    tokens = flow.tokens(http)
    headers = {
        "Authorization": f"{scheme} {tokens['access_token']}",
        "DPoP": proof(flow.dpop_key, htu=USERINFO_URL, htm="GET", access_token=tokens["access_token"]),
    }
    assert http.get("/userinfo", headers=headers).status_code == 200


def test_fapi2_5_3_4_sender_binding_is_checked(http, flow):
    tokens = flow.tokens(http)
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert http.get("/userinfo", headers=headers).status_code == 401


def test_fapi2_5_3_4_a_revoked_token_is_refused(http, flow):
    tokens = flow.tokens(http)
    http.post("/revoke", data={"token": tokens["access_token"]} | flow.authentication())
    headers = {
        "Authorization": f"DPoP {tokens['access_token']}",
        "DPoP": proof(flow.dpop_key, htu=USERINFO_URL, htm="GET", access_token=tokens["access_token"]),
    }
    response = http.get("/userinfo", headers=headers)
    assert response.status_code == 401
    assert 'error="invalid_token"' in ",".join(response.headers.getlist("WWW-Authenticate"))


@pytest.fixture
def rsa_flow(make_client):
    key = RSAKey.generate_key(2048, auto_kid=True)
    jwks = {"keys": [key.as_dict(private=False)]}
    client = make_client(auth_method="private_key_jwt", jwks=jwks, id_token_alg="PS256", profile="fapi2")
    return FapiFlow(client, key, alg="PS256")


def test_fapi2_5_4_1_rs256_client_assertions_are_refused(http, rsa_flow):
    rsa_flow.alg = "RS256"
    assert_oauth_error(rsa_flow.push(http), "invalid_client")
    rsa_flow.alg = "PS256"
    assert rsa_flow.push(http).status_code == 201


def test_fapi2_5_4_1_rs256_id_tokens_are_refused_at_registration(app):
    with pytest.raises(InvalidClientMetadata, match="ID token algorithm"):
        register(fapi2_spec(id_token_alg="RS256"))


def test_fapi2_5_4_1_rsa_keys_under_2048_bits_are_refused(app):
    with pytest.warns(Warning):  # joserfc warns too
        small = RSAKey.generate_key(1024)
    with pytest.raises(InvalidClientMetadata, match="2048"):
        register(fapi2_spec(jwks={"keys": [small.as_dict(private=False)]}))
    register(fapi2_spec(jwks={"keys": [RSAKey.generate_key(2048).as_dict(private=False)]}))


def signed_request(flow, alg, **claims) -> str:
    now = int(time.time())
    claims = flow.params | {"iss": flow.client.client_id, "aud": ISSUER, "exp": now + 300, "nbf": now} | claims
    claims = {name: value for name, value in claims.items() if value is not None}
    return jwt.encode({"alg": alg, "kid": flow.client_key.kid}, claims, flow.client_key, algorithms=[alg])


def push_request_object(http, flow, request_object):
    return http.post("/par", data={"request": request_object} | flow.authentication())


def test_fapi2_5_4_1_request_objects_signed_rs256_are_refused(http, rsa_flow):
    assert_oauth_error(push_request_object(http, rsa_flow, signed_request(rsa_flow, "RS256")), "invalid_request_object")
    assert push_request_object(http, rsa_flow, signed_request(rsa_flow, "PS256")).status_code == 201


def test_fapi2_5_4_1_request_objects_need_nbf_within_the_hour(http, flow, clock):
    now = int(time.time())
    for claims in ({"nbf": None}, {"nbf": now - 3601, "exp": now + 60}, {"nbf": now, "exp": now + 3601}):
        response = push_request_object(http, flow, signed_request(flow, "ES256", **claims))
        assert_oauth_error(response, "invalid_request_object")
    assert push_request_object(http, flow, signed_request(flow, "ES256")).status_code == 201


def test_fapi2_5_4_no_duplicate_kid_in_our_jwks(http):
    kids = [key["kid"] for key in http.get("/jwks.json").get_json()["keys"]]
    assert len(kids) == len(set(kids)) and all(kids)


def test_fapi2_5_4_our_id_tokens_for_a_fapi2_client_use_its_algorithm(http, flow):
    header = jws.extract_compact(flow.tokens(http)["id_token"].encode()).headers()
    assert header["alg"] == "ES256" and header["kid"]
