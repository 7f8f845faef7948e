"""Each named check of the authorization request alone (idp/protocol/authorization_request.py).

The endpoint's behaviour with them (pages, redirects, state, iss) is tested in
tests/oidc/test_authorize_errors.py; here, one rule per test, positive and negative.
"""

import pytest
from werkzeug.datastructures import MultiDict

from idp.protocol import authorization_request as checks
from idp.protocol.authorization_request import PAGE_CHECKS, REDIRECT_CHECKS, AuthorizationRequest, first_error
from idp.protocol.errors import (
    InvalidClient,
    InvalidRedirectUri,
    InvalidRequest,
    InvalidScope,
    RegistrationNotSupported,
    RequestUriNotSupported,
    UnknownClient,
    UnsupportedResponseType,
)
from tests.conftest import REDIRECT_URI, AuthRequest


@pytest.fixture
def client(make_client):
    return make_client()


def parse(*pairs, **params) -> AuthorizationRequest:
    return AuthorizationRequest.parse(MultiDict(list(pairs) + list(params.items())))


def valid(client, **overrides) -> AuthorizationRequest:
    params = {k: v for k, v in (AuthRequest(client).params | overrides).items() if v is not None}
    return parse(**params)


def test_a_valid_request_passes_every_check(client):
    request = valid(client)
    assert first_error(PAGE_CHECKS, request, client) is None
    assert first_error(REDIRECT_CHECKS, request, client) is None


def test_parse_keeps_known_single_valued_parameters_only(client):
    request = parse(("scope", "openid"), ("scope", "openid profile"), ("extra", "x"))
    assert request.params == {"scope": "openid"}
    assert request.repeated == ("scope",)


def test_client_id_missing_rfc6749_4_1_2_1(client):
    assert isinstance(checks.client_id_sent_once(valid(client, client_id=None), None), InvalidClient)


def test_client_id_repeated_is_a_page(client):
    request = parse(("client_id", client.client_id), ("client_id", client.client_id))
    error = checks.client_id_sent_once(request, client)
    assert isinstance(error, InvalidClient) and not error.redirects


def test_unknown_client_is_a_page(client):
    error = checks.client_is_registered(valid(client), None)
    assert isinstance(error, UnknownClient) and not error.redirects
    assert checks.client_is_registered(valid(client), client) is None


def test_redirect_uri_missing_oidc_core_3_1_2_1(client):
    error = checks.redirect_uri_is_registered(valid(client, redirect_uri=None), client)
    assert isinstance(error, InvalidRedirectUri) and not error.redirects


def test_redirect_uri_must_be_registered_exactly_rfc9700_4_1_3(client):
    assert checks.redirect_uri_is_registered(valid(client, redirect_uri=REDIRECT_URI + "/"), client) is not None
    assert checks.redirect_uri_is_registered(valid(client), client) is None


def test_redirect_uri_repeated_is_a_page(client):
    request = parse(("redirect_uri", REDIRECT_URI), ("redirect_uri", REDIRECT_URI))
    assert isinstance(checks.redirect_uri_is_registered(request, client), InvalidRedirectUri)


def test_overlong_parameter_is_invalid_request(client):
    assert isinstance(checks.parameters_are_bounded(valid(client, nonce="n" * 513), client), InvalidRequest)
    assert checks.parameters_are_bounded(valid(client, state="s" * 2048), client) is None


def test_repeated_parameter_is_invalid_request_rfc6749_3_1(client):
    request = parse(("state", "a"), ("state", "b"))
    error = checks.parameters_are_not_repeated(request, client)
    assert isinstance(error, InvalidRequest) and "state" in error.description


def test_response_type_missing_or_not_code(client):
    assert isinstance(checks.response_type_is_code(valid(client, response_type=None), client), InvalidRequest)
    error = checks.response_type_is_code(valid(client, response_type="token"), client)
    assert isinstance(error, UnsupportedResponseType)


def test_response_mode_other_than_query(client):
    assert isinstance(checks.response_mode_is_query(valid(client, response_mode="fragment"), client), InvalidRequest)
    assert checks.response_mode_is_query(valid(client, response_mode="query"), client) is None


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("request_uri", RequestUriNotSupported),
        ("registration", RegistrationNotSupported),
    ],
)
def test_unsupported_request_parameters_oidc_core_3_1_2_6(client, name, error):
    assert isinstance(checks.no_request_object(valid(client, **{name: "x"}), client), error)


def test_scope_without_openid_is_invalid_scope(client):
    assert isinstance(checks.scope_has_openid(valid(client, scope="profile"), client), InvalidScope)


def test_pkce_required_by_default_rfc9700_2_1_1(client):
    request = valid(client, code_challenge=None, code_challenge_method=None)
    assert isinstance(checks.pkce(request, client), InvalidRequest)


def test_pkce_plain_is_refused_rfc9700_2_1_1(client):
    assert isinstance(checks.pkce(valid(client, code_challenge_method="plain"), client), InvalidRequest)


def test_pkce_malformed_challenge(client):
    assert isinstance(checks.pkce(valid(client, code_challenge="short"), client), InvalidRequest)


def test_pkce_optional_for_a_client_registered_without_it(make_client):
    client = make_client(require_pkce=False)
    assert checks.pkce(valid(client, code_challenge=None, code_challenge_method=None), client) is None


def test_prompt_unknown_value_or_none_with_others(client):
    assert isinstance(checks.prompt_is_valid(valid(client, prompt="sometimes"), client), InvalidRequest)
    assert isinstance(checks.prompt_is_valid(valid(client, prompt="none login"), client), InvalidRequest)
    assert checks.prompt_is_valid(valid(client, prompt="login consent"), client) is None


@pytest.mark.parametrize("max_age", ["-1", "1.5", "²", "1234567890"])
def test_max_age_must_be_ascii_digits(client, max_age):
    assert isinstance(checks.max_age_is_a_number(valid(client, max_age=max_age), client), InvalidRequest)


def test_id_token_hint_must_be_ours(client):
    error = checks.id_token_hint_is_ours(valid(client, id_token_hint="not.a.jwt"), client)
    assert isinstance(error, InvalidRequest)
    assert checks.id_token_hint_is_ours(valid(client), client) is None


def test_checks_run_in_the_declared_order(client):
    # Both response_type and scope are wrong: the earlier check speaks.
    request = valid(client, response_type="token", scope="profile")
    assert isinstance(first_error(REDIRECT_CHECKS, request, client), UnsupportedResponseType)


@pytest.mark.parametrize("name, error_class", [("client_id", InvalidClient), ("redirect_uri", InvalidRedirectUri)])
def test_finding_8_client_id_or_redirect_uri_with_a_control_character_is_a_page(client, name, error_class):
    error = checks.client_and_redirect_uri_are_printable(valid(client, **{name: "x\x00"}), None)
    assert isinstance(error, error_class) and not error.redirects


def test_finding_8_a_client_id_with_a_control_character_is_never_looked_up(client):
    assert valid(client, client_id="x\x00").client_id is None
    assert valid(client).client_id == client.client_id


def test_finding_8_any_other_parameter_with_a_control_character_is_invalid_request(client):
    error = checks.parameters_are_printable(valid(client, nonce="n\x00"), client)
    assert isinstance(error, InvalidRequest) and error.redirects
    assert checks.parameters_are_printable(valid(client), client) is None
