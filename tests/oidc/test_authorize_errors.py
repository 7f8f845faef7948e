"""Authorization endpoint errors (RFC 6749 §4.1.2.1, OIDC Core 3.1.2.6, RFC 9700 §4.11).

Before client and redirect_uri are trusted, errors are pages and never
redirects; after, they redirect with `error`, the exact `state` and `iss`.
"""

import pytest
from sqlalchemy import func, select

from idp.extensions import db
from idp.models import Interaction
from tests.conftest import ISSUER, REDIRECT_URI, AuthRequest


def assert_error_page(response):
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert response.mimetype == "text/html"


def test_unknown_client_gets_a_page_not_a_redirect(http, make_client):
    auth = AuthRequest(make_client(), client_id="nobody")
    assert_error_page(auth.start(http))


def test_missing_client_id_gets_a_page(http, make_client):
    auth = AuthRequest(make_client(), client_id=None)
    assert_error_page(auth.start(http))


def test_disabled_client_gets_a_page(http, make_client):
    client = make_client()
    client.disabled = True
    db.session.commit()
    assert_error_page(AuthRequest(client).start(http))


def test_missing_redirect_uri_gets_a_page_oidc_core_3_1_2_1(http, make_client):
    # Authlib would fall back to the first registered URI; OIDC requires it.
    assert_error_page(AuthRequest(make_client(), redirect_uri=None).start(http))


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://permits.example/callback/",
        "https://permits.example/callbackx",
        "https://permits.example/Callback",
        "https://PERMITS.example/callback",
        "https://permits.example/callback?x=1",
        "https://permits.example/callback#frag",
        "https://permits.example.evil.example/callback",
        "https://evil.example@permits.example/callback",
        "https://permits.example:8443/callback",
        "http://permits.example/callback",
        "https:permits.example/callback",
    ],
)
def test_redirect_uri_must_match_exactly(http, make_client, redirect_uri):
    assert_error_page(AuthRequest(make_client(), redirect_uri=redirect_uri).start(http))


def test_duplicate_client_id_gets_a_page(http, make_client):
    client = make_client()
    response = http.get(
        f"/authorize?client_id={client.client_id}&client_id={client.client_id}"
        f"&redirect_uri={REDIRECT_URI}&response_type=code&scope=openid"
    )
    assert_error_page(response)


def error_of(response):
    result = AuthRequest.result(response)
    assert response.location.startswith(REDIRECT_URI + "?")
    assert "code" not in result
    assert result["iss"] == ISSUER
    return result


def test_duplicate_state_is_invalid_request_rfc6749_3_1(http, make_client):
    client = make_client()
    auth = AuthRequest(client)
    query = "&".join(f"{k}={v}" for k, v in auth.params.items()) + "&state=other"
    result = error_of(http.get("/authorize?" + query))
    assert result["error"] == "invalid_request"


def test_missing_response_type_is_invalid_request_with_state_and_iss(http, make_client):
    auth = AuthRequest(make_client(), response_type=None)
    result = error_of(auth.start(http))
    assert result["error"] == "invalid_request"
    assert result["state"] == auth.state


@pytest.mark.parametrize("response_type", ["token", "id_token", "code id_token", "none"])
def test_only_code_is_supported(http, make_client, response_type):
    result = error_of(AuthRequest(make_client(), response_type=response_type).start(http))
    assert result["error"] == "unsupported_response_type"


@pytest.mark.parametrize("mode", ["fragment", "form_post", "jwt"])
def test_unadvertised_response_mode_is_refused(http, make_client, mode):
    result = error_of(AuthRequest(make_client(), response_mode=mode).start(http))
    assert result["error"] == "invalid_request"


def test_scope_without_openid_is_invalid_scope(http, make_client):
    result = error_of(AuthRequest(make_client(), scope="profile").start(http))
    assert result["error"] == "invalid_scope"


def test_an_unsigned_request_object_gets_a_page_rfc9101_6_3(http, make_client):
    # Its redirect_uri is not trusted until its signature is: a page, never a redirect.
    assert_error_page(AuthRequest(make_client(), request="eyJhbGciOiJub25lIn0.e30.").start(http))


def test_request_uri_is_request_uri_not_supported(http, make_client):
    result = error_of(AuthRequest(make_client(), request_uri="https://rp.example/req").start(http))
    assert result["error"] == "request_uri_not_supported"


def test_pkce_is_required_by_default_rfc9700_2_1_1(http, make_client):
    auth = AuthRequest(make_client(), code_challenge=None, code_challenge_method=None)
    assert error_of(auth.start(http))["error"] == "invalid_request"


def test_pkce_plain_is_refused(http, make_client):
    auth = AuthRequest(make_client(), code_challenge_method="plain")
    assert error_of(auth.start(http))["error"] == "invalid_request"


def test_pkce_without_method_means_plain_and_is_refused_rfc7636_4_3(http, make_client):
    auth = AuthRequest(make_client(), code_challenge_method=None)
    assert error_of(auth.start(http))["error"] == "invalid_request"


@pytest.mark.parametrize("challenge", ["short", "x" * 129, "a" * 42 + "!"])
def test_malformed_code_challenge_is_refused(http, make_client, challenge):
    auth = AuthRequest(make_client(), code_challenge=challenge)
    assert error_of(auth.start(http))["error"] == "invalid_request"


def test_public_client_needs_pkce_even_if_registered_without(http, make_client):
    client = make_client(auth_method="none", require_pkce=False)
    auth = AuthRequest(client, code_challenge=None, code_challenge_method=None)
    assert error_of(auth.start(http))["error"] == "invalid_request"


def test_client_registered_without_pkce_may_omit_it(http, make_client):
    client = make_client(require_pkce=False)
    response = AuthRequest(client, code_challenge=None, code_challenge_method=None).start(http)
    assert "/signin" in response.location


@pytest.mark.parametrize("prompt", ["none login", "none consent", "bogus"])
def test_bad_prompt_combinations_are_invalid_request(http, make_client, prompt):
    assert error_of(AuthRequest(make_client(), prompt=prompt).start(http))["error"] == "invalid_request"


@pytest.mark.parametrize("max_age", ["-1", "abc", "1.5", "²", "٠", "1" * 10, ""])
def test_bad_max_age_is_invalid_request(http, make_client, max_age):
    assert error_of(AuthRequest(make_client(), max_age=max_age).start(http))["error"] == "invalid_request"


def test_garbage_id_token_hint_is_invalid_request(http, make_client):
    result = error_of(AuthRequest(make_client(), id_token_hint="not-a-jwt").start(http))
    assert result["error"] == "invalid_request"


def test_state_with_special_characters_is_echoed_byte_exact(http, make_client):
    state = ("å∂ƒ &=?#+/%20 \"'<>" * 60)[:1100]
    result = error_of(AuthRequest(make_client(), response_type="token", state=state).start(http))
    assert result["state"] == state


def test_error_redirect_keeps_the_registered_query(http, make_client):
    uri = "https://permits.example/callback?tenant=dki"
    client = make_client(redirect_uris=[uri])
    response = AuthRequest(client, redirect_uri=uri, response_type="token").start(http)
    assert response.location.startswith(uri + "&")


def test_oversized_parameters_are_refused_not_stored(http, make_client):
    result = error_of(AuthRequest(make_client(), state="s" * 2049, response_type="code").start(http))
    assert result["error"] == "invalid_request"
    assert db.session.scalar(select(func.count()).select_from(Interaction)) == 0


def test_huge_request_bodies_are_refused(http, make_client):
    response = http.post("/authorize", data={"client_id": "x", "state": "s" * 100_000})
    assert response.status_code == 413
