"""Signed request objects (RFC 9101) at /authorize and at the PAR endpoint."""

import time

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from tests.conftest import ISSUER, REDIRECT_URI, AuthRequest
from tests.oidc.flows import assert_oauth_error, full_flow
from tests.oidc.pushed import PushedAuthRequest
from tests.oidc.test_authorize_errors import assert_error_page
from tests.oidc.test_private_key_jwt import ASSERTION_TYPE, assertion, hand_made_jwt


@pytest.fixture(scope="module")
def ec_key():
    return ECKey.generate_key("P-256", auto_kid=True)


@pytest.fixture(scope="module")
def rsa_key():
    return RSAKey.generate_key(2048, auto_kid=True)


@pytest.fixture
def client(make_client, ec_key, rsa_key):
    jwks = {"keys": [ec_key.as_dict(private=False), rsa_key.as_dict(private=False)]}
    return make_client(auth_method="private_key_jwt", jwks=jwks)


def signed(key, auth, alg="ES256", **claims) -> str:
    """The request's parameters as a request object; a claim given as None is left out."""
    now = int(time.time())
    payload = auth.params | {"iss": auth.client.client_id, "aud": ISSUER, "exp": now + 300, "nbf": now} | claims
    payload = {name: value for name, value in payload.items() if value is not None}
    return jwt.encode({"alg": alg, "kid": key.kid}, payload, key, algorithms=[alg])


def start(http, auth, request_object, **query):
    return http.get("/authorize", query_string={"client_id": auth.client.client_id, "request": request_object} | query)


class SignedAuthRequest(AuthRequest):
    key = None

    def start(self, http):
        return start(http, self, signed(self.key, self))


def test_rfc9101_the_code_flow_with_a_request_object(http, client, ec_key):
    auth = SignedAuthRequest(client)
    auth.key = ec_key
    result = full_flow(http, auth)
    assert result["state"] == auth.state and result["iss"] == ISSUER and result["code"]


def test_rfc9101_6_3_only_the_objects_parameters_are_used(http, client, ec_key):
    auth = AuthRequest(client)
    response = start(http, auth, signed(ec_key, auth), prompt="none", redirect_uri="https://evil.example/cb")
    assert response.status_code == 303 and "/signin" in response.location  # prompt=none was not used


def test_rfc9101_rs256_is_accepted_for_a_client_outside_fapi(http, client, rsa_key):
    auth = AuthRequest(client)
    assert "/signin" in start(http, auth, signed(rsa_key, auth, alg="RS256")).location


def test_rfc9101_the_object_must_be_signed_by_the_clients_key(http, client, ec_key):
    auth = AuthRequest(client)
    stranger = ECKey.generate_key("P-256", auto_kid=True)
    assert_error_page(start(http, auth, signed(stranger, auth)))
    unsigned = hand_made_jwt({"alg": "none"}, auth.params | {"iss": client.client_id, "aud": ISSUER})
    assert_error_page(start(http, auth, unsigned))
    assert_error_page(start(http, auth, "not a jwt"))


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "https://other.example"},
        {"aud": None},
        {"iss": "someone-else"},
        {"iss": None},
        {"client_id": "someone-else"},
        {"exp": None},
        {"exp": "soon"},
        {"request_uri": "urn:ietf:params:oauth:request_uri:x"},
    ],
)
def test_rfc9101_claims_that_are_refused(http, client, ec_key, claims):
    auth = AuthRequest(client)
    assert_error_page(start(http, auth, signed(ec_key, auth, **claims)))


def test_rfc9101_aud_may_be_a_list_holding_the_issuer(http, client, ec_key):
    auth = AuthRequest(client)
    assert "/signin" in start(http, auth, signed(ec_key, auth, aud=[ISSUER, "https://other.example"])).location


def test_rfc9101_exp_and_nbf_with_the_clock_skew(http, client, ec_key, clock):
    now = int(time.time())
    for claims in ({"exp": now - 61}, {"nbf": now + 61}, {"iat": now + 61}, {"exp": now + 7200}):
        auth = AuthRequest(client)
        assert_error_page(start(http, auth, signed(ec_key, auth, **claims)))
    for claims in ({"nbf": now + 10}, {"iat": now + 10}, {"nbf": None}):
        auth = AuthRequest(client)
        assert "/signin" in start(http, auth, signed(ec_key, auth, **claims)).location


def test_rfc9101_a_client_without_keys_cannot_sign(http, make_client, ec_key):
    auth = AuthRequest(make_client())
    assert_error_page(start(http, auth, signed(ec_key, auth)))


def test_rfc9101_10_discovery_says_request_objects_are_supported(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert metadata["request_parameter_supported"] is True
    assert "none" not in metadata["request_object_signing_alg_values_supported"]


# --- At the PAR endpoint (RFC 9126 §3) ---------------------------------------------


def par_with_assertion(http, client, key, request_object):
    data = {
        "request": request_object,
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": assertion(key, client.client_id, "ES256"),
    }
    return http.post("/par", data=data)


def test_rfc9126_3_a_request_object_pushed_by_a_private_key_jwt_client(http, client, ec_key):
    auth = PushedAuthRequest(client)
    response = par_with_assertion(http, client, ec_key, signed(ec_key, auth))
    assert response.status_code == 201, response.get_json()
    auth.request_uri = response.get_json()["request_uri"]
    auth.start = auth.authorize
    assert full_flow(http, auth)["state"] == auth.state


def test_rfc9126_3_an_invalid_pushed_request_object_is_refused(http, client, ec_key):
    auth = PushedAuthRequest(client)
    response = par_with_assertion(http, client, ec_key, signed(ec_key, auth, aud="https://other.example"))
    assert_oauth_error(response, "invalid_request_object")
    response = par_with_assertion(http, client, ec_key, signed(ec_key, auth, redirect_uri=REDIRECT_URI + "x"))
    assert_oauth_error(response, "invalid_request")
