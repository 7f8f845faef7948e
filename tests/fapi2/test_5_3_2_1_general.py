"""FAPI 2.0 Security Profile 5.3.2.1: general requirements of the authorization server.

Each test is named after its clause; each checks the profile's client and, where the
clause is about what the profile refuses, that the refusal happens.
"""

import time

import pytest
from joserfc.jwk import ECKey

from idp.services.clients import ClientSpec, InvalidClientMetadata, register
from tests.conftest import ISSUER, REDIRECT_URI
from tests.fapi2.conftest import FapiFlow
from tests.oidc.dpop import PAR_URL, new_key, proof
from tests.oidc.flows import assert_oauth_error


def fapi2_spec(**overrides) -> ClientSpec:
    key = ECKey.generate_key("P-256")
    values = {
        "name": "Pajak",
        "redirect_uris": [REDIRECT_URI],
        "auth_method": "private_key_jwt",
        "jwks": {"keys": [key.as_dict(private=False)]},
        "id_token_alg": "ES256",
        "profile": "fapi2",
        "purposes": {"profile": "To show the taxpayer's name", "phone": "To text you about your bill"},
    }
    return ClientSpec(**(values | overrides))


def test_fapi2_5_3_2_1_1_metadata_by_discovery_and_rfc8414(http):
    for path in ("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"):
        metadata = http.get(path).get_json()
        assert metadata["issuer"] == ISSUER
        assert metadata["pushed_authorization_request_endpoint"] == PAR_URL
        assert "private_key_jwt" in metadata["token_endpoint_auth_methods_supported"]
        assert {"ES256", "PS256", "EdDSA"} <= set(metadata["dpop_signing_alg_values_supported"])
        assert metadata["code_challenge_methods_supported"] == ["S256"]


def test_fapi2_5_3_2_1_2_the_password_grant_is_refused(http, flow):
    data = {"grant_type": "password", "username": "081234567890", "password": "x"} | flow.authentication()
    assert_oauth_error(http.post("/token", data=data), "unsupported_grant_type")


def test_fapi2_5_3_2_1_3_confidential_clients_only(app):
    register(fapi2_spec())  # a private_key_jwt client is confidential
    with pytest.raises(InvalidClientMetadata, match="private_key_jwt"):
        register(fapi2_spec(auth_method="none", jwks=None))


def test_fapi2_5_3_2_1_4_only_sender_constrained_access_tokens(http, flow):
    response = flow.push(http, headers={})  # the code is not bound to a key: dpop_jkt is optional
    flow.request_uri = response.get_json()["request_uri"]
    flow.start = flow.authorize
    code = flow.code(http)
    assert_oauth_error(flow.token_request(http, code, dpop_key=False), "invalid_request")
    tokens = flow.token_request(http, code).get_json()  # the refusal did not burn the code
    assert tokens["token_type"] == "DPoP"


def test_fapi2_5_3_2_1_5_sender_constrained_by_dpop_at_the_resource(http, flow):
    tokens = flow.tokens(http)
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert http.get("/userinfo", headers=headers).status_code == 401


def test_fapi2_5_3_2_1_6_client_authentication_by_private_key_jwt_only(app, http, flow):
    for method in ("client_secret_basic", "client_secret_post"):
        with pytest.raises(InvalidClientMetadata, match="private_key_jwt"):
            register(fapi2_spec(auth_method=method, jwks=None))
    auth = flow.params | {"client_secret": "guess"}
    assert_oauth_error(http.post("/par", data=auth), "invalid_client", 401)
    assert flow.push(http).status_code == 201


def test_fapi2_5_3_2_1_7_no_open_redirector(http, flow):
    response = flow.push(http, redirect_uri="https://evil.example/callback")
    assert_oauth_error(response, "invalid_request")
    assert "Location" not in response.headers


@pytest.mark.parametrize(
    "aud", [[ISSUER], f"{ISSUER}/token", f"{ISSUER}/par", f"{ISSUER}/", [ISSUER, f"{ISSUER}/token"]]
)
def test_fapi2_5_3_2_1_8_assertion_aud_must_be_issuer_string(http, flow, aud):
    fields = flow.authentication(aud=aud)
    assert_oauth_error(http.post("/par", data=flow.params | fields), "invalid_client")
    code_request = {"grant_type": "authorization_code", "code": "x", "redirect_uri": REDIRECT_URI} | fields
    assert_oauth_error(http.post("/token", data=code_request), "invalid_client")


def test_fapi2_5_3_2_1_8_the_issuer_string_is_accepted(http, flow):
    assert flow.push(http).status_code == 201


def test_fapi2_5_3_2_1_9_no_refresh_token_rotation(http, flow):
    tokens = flow.tokens(http)
    for _ in range(2):
        response = flow.refresh(http, tokens["refresh_token"])
        assert response.status_code == 200, response.get_json()
        assert "refresh_token" not in response.get_json()  # the same one stays in use
        assert response.get_json()["token_type"] == "DPoP"
        access_token = response.get_json()["access_token"]
        headers = {
            "Authorization": f"DPoP {access_token}",
            "DPoP": proof(flow.dpop_key, htu=f"{ISSUER}/userinfo", htm="GET", access_token=access_token),
        }
        assert http.get("/userinfo", headers=headers).status_code == 200  # the new token was saved


def test_fapi2_5_3_2_1_9_the_refresh_token_is_sender_constrained(http, flow):
    tokens = flow.tokens(http)
    assert_oauth_error(flow.refresh(http, tokens["refresh_token"], dpop_key=new_key()), "invalid_grant")


def test_fapi2_5_3_2_1_10_dpop_server_nonce(http, flow, app):
    app.config["DPOP_NONCE_REQUIRED"] = True
    try:
        response = flow.push(http)
        assert_oauth_error(response, "use_dpop_nonce")
        nonce = response.headers["DPoP-Nonce"]
        assert flow.push(http, headers={"DPoP": proof(flow.dpop_key, htu=PAR_URL, nonce=nonce)}).status_code == 201
    finally:
        app.config["DPOP_NONCE_REQUIRED"] = False


def test_fapi2_5_3_2_1_11_code_lifetime_at_most_60_seconds(http, flow, app, clock, monkeypatch):
    monkeypatch.setitem(app.config, "AUTHORIZATION_CODE_TTL_SECONDS", 300)  # the profile caps it
    code = flow.code(http)
    clock.advance(61)
    assert_oauth_error(flow.token_request(http, code), "invalid_grant")


def test_fapi2_5_3_2_1_11_a_code_within_60_seconds_is_redeemed(http, flow, clock):
    code = flow.code(http)
    clock.advance(59)
    assert flow.token_request(http, code).status_code == 200


def test_fapi2_5_3_2_1_12_dpop_binds_the_authorization_code(http, flow):
    code = flow.code(http)  # pushed with a proof of flow.dpop_key
    assert_oauth_error(flow.token_request(http, code, dpop_key=new_key()), "invalid_grant")
    assert flow.token_request(http, code).status_code == 200


@pytest.mark.parametrize("claim", ["iat", "nbf"])
def test_fapi2_5_3_2_1_13_clock_skew_assertions(http, flow, clock, claim):
    now = int(time.time())
    ahead = {claim: now + 10, "exp": now + 70}
    assert http.post("/par", data=flow.params | flow.authentication(**ahead)).status_code == 201
    too_far = {claim: now + 61, "exp": now + 120}
    assert_oauth_error(http.post("/par", data=flow.params | flow.authentication(**too_far)), "invalid_client")


def test_fapi2_5_3_2_1_13_clock_skew_dpop_proofs(http, flow, clock):
    now = int(time.time())
    assert flow.push(http, headers={"DPoP": proof(flow.dpop_key, htu=PAR_URL, iat=now + 10)}).status_code == 201
    response = flow.push(http, headers={"DPoP": proof(flow.dpop_key, htu=PAR_URL, iat=now + 61)})
    assert_oauth_error(response, "invalid_dpop_proof")


def test_fapi2_5_3_2_1_14_tokens_carry_only_the_granted_scopes(http, make_client, client_key):
    jwks = {"keys": [client_key.as_dict(private=False)]}
    client = make_client(
        auth_method="private_key_jwt", jwks=jwks, id_token_alg="ES256", profile="fapi2", scope="openid profile phone"
    )
    # Registered for phone too, but asked only for profile: the tokens carry what was asked and allowed
    # (a scope the client did not register is invalid_scope, tests/oidc/test_scope_catalogue.py).
    tokens = FapiFlow(client, client_key, scope="openid profile").tokens(http)
    assert tokens["scope"].split() == ["openid", "profile"]


@pytest.mark.parametrize(
    "claims",
    [{"exp": int(time.time()) - 300}, {"sub": None}, {"iss": None}, {"jti": None}, {"exp": None}],
)
def test_fapi2_5_3_2_1_6_broken_client_assertions_are_refused(http, flow, claims, clock):
    assert_oauth_error(http.post("/par", data=flow.params | flow.authentication(**claims)), "invalid_client")


def test_fapi2_5_3_2_1_6_a_missing_client_assertion_is_refused(http, flow):
    assert_oauth_error(
        http.post("/par", data=flow.params | {"client_id": flow.client.client_id}), "invalid_client", 401
    )


def test_fapi2_5_3_2_1_6_a_replayed_client_assertion_is_refused(http, flow):
    fields = flow.authentication()
    assert http.post("/par", data=flow.params | fields).status_code == 201
    assert_oauth_error(http.post("/par", data=flow.params | fields), "invalid_client")
