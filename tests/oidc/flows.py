"""Shared flow helpers for the OIDC tests."""

from joserfc import jwt

from idp.keys import SUPPORTED_ALGS, public_key_set
from tests.conftest import AuthRequest, consent_allow, sign_in

PHONE = "081234567890"


def full_flow(http, auth, phone=PHONE):
    """Authorize → (sign in) → (consent) → back at the client; returns the result."""
    response = auth.start(http)
    if "/signin" in response.location:
        response = http.get(sign_in(http, phone, response.location).location)
    if "/consent" in response.location:
        response = consent_allow(http, response)
    return auth.result(auth.follow_to_client(http, response))


def tokens_for(http, client_or_auth, phone=PHONE, **params):
    auth = client_or_auth if isinstance(client_or_auth, AuthRequest) else AuthRequest(client_or_auth, **params)
    result = full_flow(http, auth, phone)
    return auth.token_request(http, result["code"]).get_json()


def id_token_of(tokens):
    return jwt.decode(tokens["id_token"], public_key_set(), algorithms=list(SUPPORTED_ALGS))


def id_claims(tokens):
    return id_token_of(tokens).claims
