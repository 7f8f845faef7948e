"""private_key_jwt client authentication (OIDC Core 9, RFC 7523 §3).

Most tests present a code we never issued: `invalid_grant` then proves the
client was authenticated (authentication comes first), `invalid_client` that
it was not.
"""

import base64
import hashlib
import hmac
import json
import re
import secrets
import time

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey, OKPKey, RSAKey

from idp.extensions import db
from idp.security import client_secret_digest
from tests.conftest import ISSUER, REDIRECT_URI, AuthRequest
from tests.oidc.flows import full_flow

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ERROR_DESCRIPTION = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e]*")  # RFC 6749 §5.2


@pytest.fixture(scope="module")
def rsa_key():
    return RSAKey.generate_key(2048, auto_kid=True)


@pytest.fixture(scope="module")
def ec_key():
    return ECKey.generate_key("P-256", auto_kid=True)


@pytest.fixture(scope="module")
def okp_key():
    return OKPKey.generate_key("Ed25519", auto_kid=True)


@pytest.fixture(scope="module")
def stranger_key():
    return RSAKey.generate_key(2048, auto_kid=True)


@pytest.fixture
def client(make_client, rsa_key, ec_key, okp_key):
    jwks = {"keys": [key.as_dict(private=False) for key in (rsa_key, ec_key, okp_key)]}
    return make_client(auth_method="private_key_jwt", jwks=jwks)


def assertion_claims(client_id) -> dict:
    issued_at = int(time.time())
    return {
        "iss": client_id,
        "sub": client_id,
        "aud": ISSUER,
        "iat": issued_at,
        "exp": issued_at + 60,
        "jti": secrets.token_urlsafe(16),
    }


def assertion(key, client_id, alg="RS256", header=None, **claims):
    """A signed client assertion; a claim given as None is left out."""
    payload = {name: value for name, value in (assertion_claims(client_id) | claims).items() if value is not None}
    return jwt.encode({"alg": alg, "kid": key.kid} | (header or {}), payload, key, algorithms=[alg])


def hand_made_jwt(header: dict, payload: dict, sign=lambda signing_input: b"") -> str:
    """A JWT no library would produce (alg none, HS256 with a public key, junk headers)."""

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(payload).encode())}"
    return f"{signing_input}.{b64(sign(signing_input.encode()))}"


def present(http, client_assertion, code="a-code-we-never-issued", **data):
    return http.post(
        "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": client_assertion,
        }
        | data,
    )


def assert_authenticated(response):
    # The client got past authentication to the (bogus) code.
    assert response.get_json()["error"] == "invalid_grant", response.get_json()


def assert_refused(response):
    assert response.status_code in (400, 401), response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["error"] == "invalid_client", body
    assert ERROR_DESCRIPTION.fullmatch(body.get("error_description", ""))


# --- Valid assertions ------------------------------------------------------------------


def test_valid_assertion_redeems_a_code__oidc_core_9(http, client, rsa_key, make_citizen):
    auth = AuthRequest(client)
    code = full_flow(http, auth, make_citizen().phone_number)["code"]

    response = present(http, assertion(rsa_key, client.client_id), code=code, code_verifier=auth.verifier)

    assert response.status_code == 200, response.get_json()
    assert response.get_json()["id_token"]


@pytest.mark.parametrize(
    "alg, key_name", [("RS256", "rsa_key"), ("PS256", "rsa_key"), ("ES256", "ec_key"), ("EdDSA", "okp_key")]
)
def test_assertion_signed_with_any_registered_key_authenticates__rfc7523_3(http, client, alg, key_name, request):
    key = request.getfixturevalue(key_name)

    assert_authenticated(present(http, assertion(key, client.client_id, alg=alg)))


def test_token_endpoint_url_is_an_accepted_audience__rfc7523_3(http, client, rsa_key):
    assert_authenticated(present(http, assertion(rsa_key, client.client_id, aud=f"{ISSUER}/token")))


def test_client_id_may_accompany_the_assertion__rfc7521_4_2(http, client, rsa_key):
    assert_authenticated(present(http, assertion(rsa_key, client.client_id), client_id=client.client_id))


# --- Replay --------------------------------------------------------------------------


def test_replayed_jti_is_invalid_client__rfc7523_3(http, client, rsa_key):
    replayed = assertion(rsa_key, client.client_id)
    assert_authenticated(present(http, replayed))

    assert_refused(present(http, replayed))


def test_new_assertion_reusing_a_jti_is_invalid_client__rfc7523_3(http, client, rsa_key):
    jti = secrets.token_urlsafe(16)
    assert_authenticated(present(http, assertion(rsa_key, client.client_id, jti=jti)))

    assert_refused(present(http, assertion(rsa_key, client.client_id, jti=jti, exp=int(time.time()) + 120)))


def test_missing_jti_is_invalid_client__rfc7523_3(http, client, rsa_key):
    assert_refused(present(http, assertion(rsa_key, client.client_id, jti=None)))


def test_forged_assertion_does_not_use_up_its_jti__rfc7523_3(http, client, rsa_key, stranger_key):
    jti = secrets.token_urlsafe(16)
    forged = assertion(stranger_key, client.client_id, jti=jti, header={"kid": rsa_key.kid})
    assert_refused(present(http, forged))

    assert_authenticated(present(http, assertion(rsa_key, client.client_id, jti=jti)))


# --- Signatures ----------------------------------------------------------------------


def test_alg_none_is_invalid_client__rfc7518_3_6(http, client):
    token = hand_made_jwt({"alg": "none", "typ": "JWT"}, assertion_claims(client.client_id))

    assert_refused(present(http, token))


def test_hs256_signed_with_the_public_key_is_invalid_client__rfc8725_3_1(http, client, rsa_key):
    public_pem = rsa_key.as_bytes(private=False)
    token = hand_made_jwt(
        {"alg": "HS256", "kid": rsa_key.kid},
        assertion_claims(client.client_id),
        sign=lambda signing_input: hmac.new(public_pem, signing_input, hashlib.sha256).digest(),
    )

    assert_refused(present(http, token))


def test_key_that_is_not_registered_is_invalid_client__rfc7523_3(http, client, stranger_key):
    assert_refused(present(http, assertion(stranger_key, client.client_id)))


def test_unregistered_key_claiming_a_registered_kid_is_invalid_client__rfc7523_3(http, client, rsa_key, stranger_key):
    forged = assertion(stranger_key, client.client_id, header={"kid": rsa_key.kid})

    assert_refused(present(http, forged))


def test_tampered_claims_are_invalid_client__rfc7515_5_2(http, client, rsa_key, make_client):
    other = make_client(name="Pajak")
    header, payload, signature = assertion(rsa_key, client.client_id).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims.update(iss=other.client_id, sub=other.client_id)
    tampered = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

    assert_refused(present(http, f"{header}.{tampered}.{signature}"))


# --- Claims --------------------------------------------------------------------------


def test_wrong_audience_is_invalid_client__rfc7523_3(http, client, rsa_key):
    assert_refused(present(http, assertion(rsa_key, client.client_id, aud="https://other-idp.example")))


def test_iss_different_from_sub_is_invalid_client__rfc7523_3(http, client, rsa_key, make_client):
    other = make_client(name="Pajak")

    assert_refused(present(http, assertion(rsa_key, client.client_id, iss=other.client_id)))


def test_expired_assertion_is_invalid_client__rfc7523_3(http, client, rsa_key):
    exp = int(time.time()) - 300  # five minutes ago

    assert_refused(present(http, assertion(rsa_key, client.client_id, iat=exp - 60, exp=exp)))


def test_missing_exp_is_invalid_client__rfc7523_3(http, client, rsa_key):
    assert_refused(present(http, assertion(rsa_key, client.client_id, exp=None)))


# The clock stands still: a second passing on a busy machine must not move the boundary.
@pytest.mark.parametrize("skew_seconds", [-10, 10])
def test_exp_within_the_clock_skew_is_accepted__rfc7519_4_1_4(http, client, rsa_key, skew_seconds, clock):
    exp = int(time.time()) + skew_seconds

    assert_authenticated(present(http, assertion(rsa_key, client.client_id, iat=exp - 60, exp=exp)))


def test_exp_beyond_the_clock_skew_is_invalid_client__rfc7519_4_1_4(http, client, rsa_key, clock):
    exp = int(time.time()) - 61

    assert_refused(present(http, assertion(rsa_key, client.client_id, iat=exp - 60, exp=exp)))


def test_nbf_within_the_clock_skew_is_accepted__rfc7519_4_1_5(http, client, rsa_key, clock):
    assert_authenticated(present(http, assertion(rsa_key, client.client_id, nbf=int(time.time()) + 10)))


def test_nbf_beyond_the_clock_skew_is_invalid_client__rfc7519_4_1_5(http, client, rsa_key, clock):
    nbf = int(time.time()) + 61

    assert_refused(present(http, assertion(rsa_key, client.client_id, nbf=nbf, exp=nbf + 60)))


def test_exp_an_hour_ahead_is_accepted__rfc7523_3(http, client, rsa_key):
    # One hour is the lifetime Authlib's own client signs by default.
    assert_authenticated(present(http, assertion(rsa_key, client.client_id, exp=int(time.time()) + 3600)))


@pytest.mark.parametrize("exp", [int(time.time()) + 2 * 3600, 1e300])
def test_exp_unreasonably_far_ahead_is_invalid_client__rfc7523_3(http, client, rsa_key, exp):
    assert_refused(present(http, assertion(rsa_key, client.client_id, exp=exp)))


@pytest.mark.parametrize("header", [{"kid": 'no"such\nkid'}, {"kid": "kunci\tku"}, {"alg": 'RS"256'}])
def test_header_values_are_not_echoed_raw_into_the_error__rfc6749_5_2(http, client, header):
    # RFC 6749 §5.2 forbids '"', '\\' and control characters in error_description.
    claims = assertion_claims(client.client_id)

    token = hand_made_jwt({"alg": "RS256"} | header, claims, sign=lambda _signing_input: b"signature")

    assert_refused(present(http, token))


def test_assertion_for_an_unknown_client_is_invalid_client__rfc7523_3(http, rsa_key):
    assert_refused(present(http, assertion(rsa_key, "no-such-client")))


# --- Only the registered method ---------------------------------------------------------


def test_secret_client_cannot_use_an_assertion__oidc_core_9(http, make_client, rsa_key):
    client = make_client()
    # Even with keys on file, the registered method (client_secret_basic) decides.
    client.jwks = {"keys": [rsa_key.as_dict(private=False)]}
    db.session.commit()

    assert_refused(present(http, assertion(rsa_key, client.client_id)))


def test_private_key_jwt_client_cannot_use_a_secret__oidc_core_9(http, client):
    # Even with a secret on file, the registered method (private_key_jwt) decides.
    client.secret_digest = client_secret_digest("a-secret-it-should-not-have")
    db.session.commit()

    response = http.post(
        "/token",
        data={"grant_type": "authorization_code", "code": "a-code-we-never-issued", "redirect_uri": REDIRECT_URI},
        auth=(client.client_id, "a-secret-it-should-not-have"),
    )

    assert_refused(response)


def test_private_key_jwt_client_cannot_send_only_its_client_id__oidc_core_9(http, client):
    response = http.post(
        "/token",
        data={"grant_type": "authorization_code", "code": "a-code-we-never-issued", "client_id": client.client_id},
    )

    assert_refused(response)


def test_unreachable_jwks_uri_is_invalid_client__rfc7523_3(http, make_client, rsa_key):
    # Nothing listens on port 1 (the agency's key server is down).
    client = make_client(auth_method="private_key_jwt", jwks_uri="http://127.0.0.1:1/jwks.json")

    assert_refused(present(http, assertion(rsa_key, client.client_id)))
