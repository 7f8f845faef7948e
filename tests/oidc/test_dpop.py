"""DPoP (RFC 9449): proofs checked fully, DPoP-bound tokens and codes, UserInfo with DPoP."""

import base64
import json
import time

import pytest
from joserfc.jwk import OctKey, OKPKey, RSAKey

from tests.conftest import ISSUER, REDIRECT_URI, AuthRequest
from tests.oidc.dpop import PAR_URL, TOKEN_URL, USERINFO_URL, ath, new_key, proof, thumbprint
from tests.oidc.flows import assert_oauth_error, full_flow
from tests.oidc.pushed import PushedAuthRequest


def token_request(http, auth, code, dpop=None, **data):
    headers = {"DPoP": dpop} if dpop else {}
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI}
    form |= {"code_verifier": auth.verifier} | data
    return http.post("/token", data=form, auth=(auth.client.client_id, auth.client.secret), headers=headers)


def bound_tokens(http, client, key, auth=None) -> dict:
    auth = auth or AuthRequest(client)
    response = token_request(http, auth, full_flow(http, auth)["code"], proof(key))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def present(http, client, dpop_header, code="a-code-we-never-issued"):
    """A token request for a code we never issued: invalid_grant proves the proof passed."""
    auth = AuthRequest(client)
    return token_request(http, auth, code, dpop_header)


def assert_proof_refused(response, error="invalid_dpop_proof"):
    assert_oauth_error(response, error)


def assert_proof_accepted(response):
    assert response.get_json()["error"] == "invalid_grant", response.get_json()


def userinfo(http, access_token, dpop=None, scheme="DPoP"):
    headers = {"Authorization": f"{scheme} {access_token}"}
    if dpop:
        headers["DPoP"] = dpop
    return http.get("/userinfo", headers=headers)


def unsigned(header: dict, payload: dict) -> str:
    def b64(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{b64(header)}.{b64(payload)}."


# --- Tokens bound to the proof's key --------------------------------------------------


def test_rfc9449_5_a_proof_at_the_token_endpoint_binds_the_tokens(http, client):
    key = new_key()
    tokens = bound_tokens(http, client, key)
    assert tokens["token_type"] == "DPoP"
    body = http.post(
        "/introspect", data={"token": tokens["access_token"]}, auth=(client.client_id, client.secret)
    ).get_json()
    assert body["token_type"] == "DPoP" and body["cnf"] == {"jkt": thumbprint(key)}


def test_rfc9449_5_without_a_proof_the_tokens_are_bearer(http, client):
    auth = AuthRequest(client)
    tokens = token_request(http, auth, full_flow(http, auth)["code"]).get_json()
    assert tokens["token_type"] == "Bearer"


def test_rfc9449_5_1_discovery_lists_the_proof_algorithms(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert metadata["dpop_signing_alg_values_supported"] == ["ES256", "PS256", "EdDSA"]


def test_rfc9449_5_2_a_client_registered_for_dpop_must_send_a_proof(http, make_client):
    client = make_client(dpop_bound_access_tokens=True)
    auth = AuthRequest(client)
    assert_oauth_error(token_request(http, auth, full_flow(http, auth)["code"]), "invalid_request")
    assert bound_tokens(http, client, new_key())["token_type"] == "DPoP"


# --- UserInfo (RFC 9449 §7) ---------------------------------------------------------


def test_rfc9449_7_userinfo_accepts_a_bound_token_with_a_proof(http, client):
    key = new_key()
    access_token = bound_tokens(http, client, key)["access_token"]
    for scheme in ("DPoP", "dpop", "DPOP"):  # the scheme is case-insensitive
        dpop = proof(key, htu=USERINFO_URL, htm="GET", access_token=access_token)
        response = userinfo(http, access_token, dpop, scheme)
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["sub"]


def test_rfc9449_7_2_a_bound_token_used_as_bearer_is_refused(http, client):
    key = new_key()
    access_token = bound_tokens(http, client, key)["access_token"]
    response = userinfo(http, access_token, scheme="Bearer")
    assert response.status_code == 401
    assert 'error="invalid_token"' in ",".join(response.headers.getlist("WWW-Authenticate"))


def test_rfc9449_7_1_userinfo_wants_the_proof_of_the_tokens_key(http, client):
    key = new_key()
    access_token = bound_tokens(http, client, key)["access_token"]
    cases = [
        None,  # no proof
        proof(new_key(), htu=USERINFO_URL, htm="GET", access_token=access_token),  # another key
        proof(key, htu=USERINFO_URL, htm="GET"),  # no ath
        proof(key, htu=USERINFO_URL, htm="GET", ath=ath("another token")),  # wrong ath
        proof(key, htu=TOKEN_URL, htm="GET", access_token=access_token),  # another endpoint
        proof(key, htu=USERINFO_URL, htm="POST", access_token=access_token),  # another method
    ]
    for dpop in cases:
        response = userinfo(http, access_token, dpop)
        assert response.status_code == 401
        challenges = response.headers.getlist("WWW-Authenticate")
        assert any(c.startswith("DPoP ") and 'error="invalid_dpop_proof"' in c for c in challenges), challenges


def test_rfc9449_7_a_bearer_token_with_the_dpop_scheme_is_refused(http, client):
    auth = AuthRequest(client)
    access_token = token_request(http, auth, full_flow(http, auth)["code"]).get_json()["access_token"]
    dpop = proof(new_key(), htu=USERINFO_URL, htm="GET", access_token=access_token)
    assert userinfo(http, access_token, dpop).status_code == 401
    assert userinfo(http, access_token, scheme="Bearer").status_code == 200


# --- The proof's checks (RFC 9449 §4.3) ---------------------------------------------


def test_rfc9449_4_3_a_well_formed_proof_passes(http, client):
    assert_proof_accepted(present(http, client, proof(new_key())))


@pytest.mark.parametrize(
    "alg, key", [("ES256", new_key()), ("PS256", RSAKey.generate_key(2048)), ("EdDSA", OKPKey.generate_key("Ed25519"))]
)
def test_rfc9449_4_3_5_asymmetric_algorithms_pass(http, client, alg, key):
    assert_proof_accepted(present(http, client, proof(key, alg=alg)))


def test_rfc9449_4_3_1_exactly_one_proof(http, client):
    key = new_key()
    headers = [("DPoP", proof(key)), ("DPoP", proof(key))]
    response = http.post(
        "/token",
        data={"grant_type": "authorization_code", "code": "x", "redirect_uri": REDIRECT_URI},
        auth=(client.client_id, client.secret),
        headers=headers,
    )
    assert_proof_refused(response)
    assert_proof_refused(present(http, client, f"{proof(key)}, {proof(key)}"))


def test_rfc9449_4_3_2_not_a_jwt(http, client):
    assert_proof_refused(present(http, client, "not-a-jwt"))


def test_rfc9449_4_3_4_typ_must_be_dpop_jwt(http, client):
    assert_proof_refused(present(http, client, proof(new_key(), header={"typ": "JWT"})))
    assert_proof_refused(present(http, client, proof(new_key(), header={"typ": None})))


def test_rfc9449_4_3_5_alg_none_and_symmetric_algs_are_refused(http, client):
    key = new_key()
    claims = {"jti": "a", "htm": "POST", "htu": TOKEN_URL, "iat": int(time.time())}
    assert_proof_refused(
        present(http, client, unsigned({"typ": "dpop+jwt", "alg": "none", "jwk": key.as_dict(private=False)}, claims))
    )
    secret = OctKey.generate_key(256)
    hs = proof(secret, alg="HS256", header={"jwk": secret.as_dict()})
    assert_proof_refused(present(http, client, hs))


def test_rfc9449_4_3_5_rs256_is_refused(http, client):
    assert_proof_refused(present(http, client, proof(RSAKey.generate_key(2048), alg="RS256")))


def test_rfc9449_4_3_6_the_signature_must_verify_with_the_jwk(http, client):
    other = new_key()
    forged = proof(new_key(), header={"jwk": other.as_dict(private=False)})
    assert_proof_refused(present(http, client, forged))


def test_rfc9449_4_3_7_the_jwk_must_not_be_private(http, client):
    key = new_key()
    assert_proof_refused(present(http, client, proof(key, header={"jwk": key.as_dict(private=True)})))
    assert_proof_refused(present(http, client, proof(key, header={"jwk": None})))


def test_rfc9449_4_3_8_htm_must_be_the_method(http, client):
    assert_proof_refused(present(http, client, proof(new_key(), htm="GET")))


def test_rfc9449_4_3_9_htu_must_be_the_endpoint(http, client):
    assert_proof_refused(present(http, client, proof(new_key(), htu=f"{ISSUER}/userinfo")))
    assert_proof_refused(present(http, client, proof(new_key(), htu="https://evil.example/token")))
    assert_proof_refused(present(http, client, proof(new_key(), htu=None)))


def test_rfc9449_4_3_9_htu_is_compared_normalised_without_query_or_fragment(http, client):
    host = ISSUER.removeprefix("https://")
    for htu in (f"HTTPS://{host.upper()}/token", f"https://{host}:443/token", f"{TOKEN_URL}?a=b#c"):
        assert_proof_accepted(present(http, client, proof(new_key(), htu=htu)))


def test_rfc9449_4_3_11_iat_within_the_window(http, client, clock):
    now = int(time.time())
    for iat in (now - 10, now + 10, now - 60):
        assert_proof_accepted(present(http, client, proof(new_key(), iat=iat)))
    for iat in (now + 61, now - 3600, now + 3600, None, "now"):
        assert_proof_refused(present(http, client, proof(new_key(), iat=iat)))


def test_rfc9449_4_3_jti_is_required_and_used_once(http, client):
    key = new_key()
    assert_proof_refused(present(http, client, proof(key, jti=None)))
    once = proof(key)
    assert_proof_accepted(present(http, client, once))
    assert_proof_refused(present(http, client, once))


def test_rfc9449_4_3_unknown_claims_are_ignored(http, client):
    assert_proof_accepted(present(http, client, proof(new_key(), extra="ignored", header={"x-custom": 1})))


# --- Nonces (RFC 9449 §8) -----------------------------------------------------------


@pytest.fixture
def nonces_required(app):
    app.config["DPOP_NONCE_REQUIRED"] = True
    yield
    app.config["DPOP_NONCE_REQUIRED"] = False


def test_rfc9449_8_a_required_nonce_is_handed_out_and_then_accepted(http, client, nonces_required):
    key = new_key()
    response = present(http, client, proof(key))
    assert_proof_refused(response, "use_dpop_nonce")
    nonce = response.headers["DPoP-Nonce"]
    assert_proof_accepted(present(http, client, proof(key, nonce=nonce)))
    assert_proof_refused(present(http, client, proof(key, nonce="made-up")), "use_dpop_nonce")


def test_rfc9449_8_a_nonce_expires_after_two_periods(http, client, nonces_required, clock, app):
    key = new_key()
    nonce = present(http, client, proof(key)).headers["DPoP-Nonce"]
    clock.advance(2 * app.config["DPOP_NONCE_PERIOD_SECONDS"])
    response = present(http, client, proof(key, nonce=nonce, iat=int(time.time())))
    assert_proof_refused(response, "use_dpop_nonce")


# --- Refresh tokens and codes bound to the key ----------------------------------------


def refresh(http, client, refresh_token, dpop=None):
    headers = {"DPoP": dpop} if dpop else {}
    data = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    return http.post("/token", data=data, auth=(client.client_id, client.secret), headers=headers)


def test_rfc9449_5_a_bound_refresh_token_needs_a_proof_of_its_key(http, make_client):
    client = make_client(scope="openid profile phone")
    key = new_key()
    tokens = bound_tokens(http, client, key, AuthRequest(client, scope="openid profile"))
    assert_oauth_error(refresh(http, client, tokens["refresh_token"]), "invalid_grant")
    assert_oauth_error(refresh(http, client, tokens["refresh_token"], proof(new_key())), "invalid_grant")
    response = refresh(http, client, tokens["refresh_token"], proof(key))
    assert response.status_code == 200 and response.get_json()["token_type"] == "DPoP"


def test_rfc9449_10_dpop_jkt_binds_the_code(http, client):
    key = new_key()
    auth = AuthRequest(client, dpop_jkt=thumbprint(key))
    code = full_flow(http, auth)["code"]
    assert_oauth_error(token_request(http, auth, code), "invalid_grant")
    assert_oauth_error(token_request(http, auth, code, proof(new_key())), "invalid_grant")
    response = token_request(http, auth, code, proof(key))
    assert response.status_code == 200 and response.get_json()["token_type"] == "DPoP"


def test_rfc9449_10_dpop_jkt_must_be_a_thumbprint(http, client):
    result = AuthRequest.result(AuthRequest(client, dpop_jkt="not a thumbprint").start(http))
    assert result["error"] == "invalid_request"


def test_rfc9449_10_1_a_proof_at_par_binds_the_code(http, client):
    key = new_key()
    auth = PushedAuthRequest(client)
    response = auth.push(http, headers={"DPoP": proof(key, htu=PAR_URL)})
    assert response.status_code == 201, response.get_json()
    auth.request_uri = response.get_json()["request_uri"]
    auth.start = auth.authorize  # already pushed
    code = full_flow(http, auth)["code"]
    assert_oauth_error(token_request(http, auth, code, proof(new_key())), "invalid_grant")
    assert token_request(http, auth, code, proof(key)).status_code == 200


def test_rfc9449_10_1_dpop_jkt_and_a_proof_at_par_must_agree(http, client):
    key = new_key()
    response = PushedAuthRequest(client, dpop_jkt=thumbprint(new_key())).push(
        http, headers={"DPoP": proof(key, htu=PAR_URL)}
    )
    assert_oauth_error(response, "invalid_request")
    response = PushedAuthRequest(client).push(http, headers={"DPoP": proof(key, htu=TOKEN_URL)})
    assert_oauth_error(response, "invalid_dpop_proof")


def test_rfc9449_5_2_the_cli_registers_a_client_for_dpop_bound_tokens(app):
    result = app.test_cli_runner().invoke(
        args=[
            "clients",
            "create",
            "--name",
            "Pajak",
            "--redirect-uri",
            REDIRECT_URI,
            "--dpop-bound-access-tokens",
            "--scope",
            "openid",
            "--json",
        ]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["dpop_bound_access_tokens"] is True
