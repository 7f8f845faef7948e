"""Pushed authorization requests (RFC 9126) and the authorization requests that use them."""

from joserfc.jwk import ECKey
from sqlalchemy import func, select

from config import check_production_safety
from idp.extensions import db
from idp.models import PushedAuthorizationRequest
from tests.conftest import ISSUER, REDIRECT_URI, AuthRequest, consent_allow, sign_in
from tests.oidc.flows import PHONE, assert_oauth_error, full_flow
from tests.oidc.pushed import PushedAuthRequest
from tests.oidc.test_authorize_errors import assert_error_page
from tests.oidc.test_private_key_jwt import ASSERTION_TYPE, assertion
from tests.security.test_production_settings import refused
from tests.test_config import SAFE


def test_rfc9126_2_2_push_answers_201_with_a_request_uri_and_expires_in(http, client):
    response = PushedAuthRequest(client).push(http)
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["request_uri"].startswith("urn:ietf:params:oauth:request_uri:")
    assert len(body["request_uri"]) > 60  # the reference is 256 random bits
    assert 0 < body["expires_in"] < 600


def test_rfc9126_5_discovery_names_the_endpoint(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert metadata["pushed_authorization_request_endpoint"] == f"{ISSUER}/par"
    assert metadata["require_pushed_authorization_requests"] is False


def test_rfc9126_2_only_post(http, client):
    assert http.get("/par", query_string=PushedAuthRequest(client).params).status_code == 405


def test_rfc9126_2_the_client_authenticates_as_at_the_token_endpoint(http, client):
    auth = PushedAuthRequest(client)
    response = http.post("/par", data=auth.params, auth=(client.client_id, "wrong secret"))
    assert_oauth_error(response, "invalid_client", 401)
    response = http.post("/par", data=auth.params)
    assert_oauth_error(response, "invalid_client", 401)
    assert db.session.scalar(select(func.count()).select_from(PushedAuthorizationRequest)) == 0


def test_rfc9126_2_1_a_request_uri_in_the_push_is_refused(http, client):
    response = PushedAuthRequest(client).push(http, request_uri="urn:ietf:params:oauth:request_uri:x")
    assert_oauth_error(response, "invalid_request")


def test_rfc9126_2_1_client_id_must_be_the_authenticated_client(http, client, make_client):
    other = make_client(name="Other")
    response = PushedAuthRequest(client).push(http, client_id=other.client_id)
    assert_oauth_error(response, "invalid_request")


def test_rfc9126_2_3_the_pushed_parameters_pass_the_authorize_checks(http, client):
    cases = [
        ({"redirect_uri": None}, "invalid_request"),  # FAPI 2.0 5.3.2.2-6: redirect_uri required
        ({"redirect_uri": "https://evil.example/cb"}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"response_type": "code id_token"}, "unsupported_response_type"),
        ({"scope": "profile"}, "invalid_scope"),
        ({"prompt": "none login"}, "invalid_request"),
    ]
    for extra, error in cases:
        assert_oauth_error(PushedAuthRequest(client, **extra).push(http), error)


def test_rfc9126_4_the_code_flow_through_a_pushed_request(http, client):
    auth = PushedAuthRequest(client)
    result = full_flow(http, auth)
    assert result["state"] == auth.state and result["iss"] == ISSUER
    tokens = auth.token_request(http, result["code"]).get_json()
    assert tokens["token_type"] == "Bearer" and tokens["id_token"]


def test_rfc9126_4_parameters_outside_the_push_are_ignored(http, client):
    auth = PushedAuthRequest(client)
    auth.start(http)
    response = auth.authorize(http, redirect_uri="https://evil.example/cb", state="other", prompt="none")
    # prompt=none would have answered login_required at once: the pushed request is what runs.
    assert response.status_code == 303 and "/signin" in response.location


def test_rfc9126_4_a_request_uri_is_used_once_when_the_authorization_completes(http, client):
    auth = PushedAuthRequest(client)
    first = auth.start(http)
    # Loading it again (a reload) before the authorization completes is fine.
    assert "/signin" in auth.authorize(http).location
    response = http.get(sign_in(http, PHONE, first.location).location)
    assert AuthRequest.result(consent_allow(http, response))["code"]
    assert_error_page(auth.authorize(http))


def test_rfc9126_4_of_two_tabs_of_one_pushed_request_only_one_gets_a_code(http, client):
    auth = PushedAuthRequest(client)
    auth.start(http)
    sign_in(http, PHONE)
    full_flow(http, PushedAuthRequest(client))  # consent given: the next ones need no page
    second_tab = auth.authorize(http)
    third_tab = auth.authorize(http)
    assert AuthRequest.result(auth.follow_to_client(http, second_tab))["code"]
    assert_error_page(auth.follow_to_client(http, third_tab))


def test_rfc9126_2_2_an_expired_request_uri_gets_a_page(http, client, clock, app):
    auth = PushedAuthRequest(client)
    auth.start(http)
    clock.advance(app.config["PAR_TTL_SECONDS"] + 1)
    assert_error_page(auth.authorize(http))


def test_rfc9126_2_2_a_request_uri_is_bound_to_its_client(http, client, make_client):
    other = make_client(name="Other")
    auth = PushedAuthRequest(client)
    auth.start(http)
    assert_error_page(auth.authorize(http, client_id=other.client_id))
    assert_error_page(http.get("/authorize", query_string={"request_uri": auth.request_uri}))


def test_rfc9126_4_an_unknown_request_uri_gets_a_page(http, client):
    auth = PushedAuthRequest(client)
    auth.request_uri = "urn:ietf:params:oauth:request_uri:made-up"
    assert_error_page(auth.authorize(http))


def test_a_request_uri_that_is_not_ours_is_still_unsupported(http, client):
    result = AuthRequest.result(AuthRequest(client, request_uri="https://rp.example/request.jwt").start(http))
    assert result["error"] == "request_uri_not_supported"


def test_rfc9126_6_a_client_that_must_push_is_refused_without(http, make_client):
    client = make_client(require_pushed_authorization_requests=True)
    result = AuthRequest.result(AuthRequest(client).start(http))
    assert result["error"] == "invalid_request" and result["iss"] == ISSUER
    assert "code" in full_flow(http, PushedAuthRequest(client))


def test_rfc9126_6_the_cli_registers_a_client_that_must_push(app):
    result = app.test_cli_runner().invoke(
        args=["clients", "create", "--name", "Pajak", "--redirect-uri", REDIRECT_URI,
              "--require-pushed-authorization-requests", "--scope", "openid", "--json"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '"require_pushed_authorization_requests": true' in result.output


def test_rfc9126_2_private_key_jwt_at_the_par_endpoint(http, make_client):
    key = ECKey.generate_key("P-256", auto_kid=True)
    client = make_client(auth_method="private_key_jwt", jwks={"keys": [key.as_dict(private=False)]})
    auth = PushedAuthRequest(client)
    for audience in (ISSUER, f"{ISSUER}/par"):
        fields = {
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": assertion(key, client.client_id, "ES256", aud=audience),
        }
        response = http.post("/par", data=auth.params | fields)
        assert response.status_code == 201, response.get_data(as_text=True)


def test_expired_pushed_requests_are_purged(http, client, clock, app):
    PushedAuthRequest(client).push(http)
    clock.advance(app.config["PAR_TTL_SECONDS"] + app.config["INTERACTION_TTL_SECONDS"] + 1)
    result = app.test_cli_runner().invoke(args=["purge"])
    assert "pushed_authorization_requests: 1 deleted" in result.stdout


def test_fapi2_5_3_2_2_12_production_refuses_a_par_lifetime_of_600_seconds_or_more():
    assert "PAR_TTL_SECONDS" in refused(PAR_TTL_SECONDS=600)
    check_production_safety(SAFE | {"PAR_TTL_SECONDS": 599})
