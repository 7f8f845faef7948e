"""FAPI 2.0 Security Profile 5.3.2.2 (authorization endpoint flows) and 5.3.2.3."""

import pytest
from joserfc.jwk import ECKey

from idp.services.clients import InvalidClientMetadata, register
from tests.conftest import ISSUER, AuthRequest, consent_allow, post_form, sign_in
from tests.fapi2.conftest import FapiFlow
from tests.fapi2.test_5_3_2_1_general import fapi2_spec
from tests.oidc.flows import PHONE, assert_oauth_error, full_flow
from tests.oidc.test_authorize_errors import assert_error_page


@pytest.mark.parametrize("response_type", ["code id_token", "token", "id_token", "code token"])
def test_fapi2_5_3_2_2_1_only_response_type_code(http, flow, response_type):
    assert_oauth_error(flow.push(http, response_type=response_type), "unsupported_response_type")
    assert flow.push(http).status_code == 201


def test_fapi2_5_3_2_2_2_pushed_authorization_requests(http, flow):
    response = flow.push(http)
    assert response.status_code == 201
    assert response.get_json()["request_uri"].startswith("urn:ietf:params:oauth:request_uri:")


def test_fapi2_5_3_2_2_3_requests_that_were_not_pushed_are_refused(http, flow):
    result = AuthRequest.result(AuthRequest(flow.client).start(http))
    assert result["error"] == "invalid_request" and result["iss"] == ISSUER and "code" not in result


def test_fapi2_5_3_2_2_4_a_push_without_client_authentication_is_refused(http, flow):
    assert_oauth_error(http.post("/par", data=flow.params), "invalid_client", 401)
    stranger = ECKey.generate_key("P-256", auto_kid=True)
    unsigned_by_client = FapiFlow(flow.client, stranger)
    assert_oauth_error(unsigned_by_client.push(http), "invalid_client")


@pytest.mark.parametrize(
    "pkce",
    [
        {"code_challenge": None, "code_challenge_method": None},
        {"code_challenge_method": "plain"},
        {"code_challenge_method": None},
    ],
)
def test_fapi2_5_3_2_2_5_pkce_s256_required_at_par(http, flow, pkce):
    assert_oauth_error(flow.push(http, **pkce), "invalid_request")


@pytest.mark.parametrize("verifier", [None, "a" * 43])
def test_fapi2_5_3_2_2_5_missing_or_wrong_verifier_is_invalid_grant(http, flow, verifier):
    code = flow.code(http)
    assert_oauth_error(flow.token_request(http, code, code_verifier=verifier), "invalid_grant")
    assert flow.token_request(http, code).status_code == 200  # a failed attempt does not burn it


def test_fapi2_5_3_2_2_6_redirect_uri_required_in_par(http, flow):
    assert_oauth_error(flow.push(http, redirect_uri=None), "invalid_request")


def test_fapi2_5_3_2_2_7_iss_in_every_authorization_response(http, flow, fapi_client, client_key):
    assert full_flow(http, flow)["iss"] == ISSUER
    # An error after the pushed request was found: the citizen says no.
    denied = FapiFlow(fapi_client, client_key, scope="openid profile phone", prompt="consent")
    response = denied.start(http)
    assert "/consent" in response.location, response.location
    response = post_form(http, response.location, {"decision": "deny"})
    result = AuthRequest.result(denied.follow_to_client(http, response))
    assert result["error"] == "access_denied" and result["iss"] == ISSUER


def test_fapi2_5_3_2_2_7_discovery_advertises_iss(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert metadata["authorization_response_iss_parameter_supported"] is True


def test_fapi2_5_3_2_2_8_no_http_redirect_uris(app, monkeypatch):
    monkeypatch.setitem(app.config, "ENV", "production")
    with pytest.raises(InvalidClientMetadata, match="https"):
        register(fapi2_spec(redirect_uris=["http://localhost:5003/auth/callback"]))
    register(fapi2_spec(redirect_uris=["https://pajak.jakarta.go.id/auth/callback"]))


def test_fapi2_5_3_2_2_8_loopback_http_in_development_only(app):
    register(fapi2_spec(redirect_uris=["http://localhost:5003/auth/callback"]))  # ENV test
    with pytest.raises(InvalidClientMetadata):
        register(fapi2_spec(redirect_uris=["http://pajak.example/auth/callback"]))


def test_fapi2_5_3_2_2_9_a_used_code_is_refused(http, flow):
    code = flow.code(http)
    assert flow.token_request(http, code).status_code == 200
    assert_oauth_error(flow.token_request(http, code), "invalid_grant")


def test_fapi2_5_3_2_2_9_the_code_is_bound_to_the_client(http, flow, make_client, client_key):
    jwks = {"keys": [client_key.as_dict(private=False)]}
    other = make_client(name="Other", auth_method="private_key_jwt", jwks=jwks, id_token_alg="ES256", profile="fapi2")
    code = flow.code(http)
    thief = FapiFlow(other, client_key, dpop_key=flow.dpop_key)
    thief.verifier = flow.verifier
    assert_oauth_error(thief.token_request(http, code), "invalid_grant")


def test_fapi2_5_3_2_2_10_11_redirects_are_303_never_307(http, flow):
    response = flow.start(http)
    assert response.status_code == 303
    response = http.get(sign_in(http, PHONE, response.location).location)
    response = consent_allow(http, response)
    response = flow.follow_to_client(http, response)
    assert response.status_code == 303 and response.location.startswith(flow.redirect_uri)


def test_fapi2_5_3_2_2_12_par_expires_in_under_600(http, flow):
    assert 0 < flow.push(http).get_json()["expires_in"] < 600


def test_fapi2_5_3_2_2_12_request_uri_used_once_at_completion(http, flow):
    full_flow(http, flow)
    assert_error_page(flow.authorize(http))


def test_fapi2_5_3_2_2_12_an_expired_request_uri_is_refused(http, flow, clock, app):
    flow.start(http)
    clock.advance(app.config["PAR_TTL_SECONDS"] + 1)
    assert_error_page(flow.authorize(http))


def test_fapi2_5_3_2_2_13_consent_shows_the_client_and_scopes(http, fapi_client, client_key):
    flow = FapiFlow(fapi_client, client_key, ui_locales="en")
    response = http.get(sign_in(http, PHONE, flow.start(http).location).location)
    page = http.get(response.location).get_data(as_text=True)
    assert fapi_client.name in page
    for description in ("Your name, date of birth and gender", "Your verified phone number"):
        assert description in page


def test_fapi2_5_3_2_2_14_a_64_character_nonce_is_accepted(http, fapi_client, client_key):
    flow = FapiFlow(fapi_client, client_key, nonce="n" * 64)
    assert flow.push(http).status_code == 201
    assert "code" in full_flow(http, FapiFlow(fapi_client, client_key, nonce="n" * 64))


def test_fapi2_5_3_2_3_the_user_is_identified_only_by_the_id_token(http, flow):
    result = full_flow(http, flow)
    assert set(result) == {"code", "state", "iss"}
    tokens = flow.token_request(http, result["code"]).get_json()
    assert tokens["id_token"]
