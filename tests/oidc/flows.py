"""Shared flow helpers for the OIDC tests."""

import re

from joserfc import jwt

from idp.protocol.keys import SUPPORTED_ALGS, public_key_set
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


# RFC 6749 §5.2: error_description is %x20-21 / %x23-5B / %x5D-7E.
ERROR_DESCRIPTION = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e]*")


def assert_oauth_error(response, error: str, status: int = 400):
    """An RFC 6749 §5.2 error: JSON, no-store, the code, a clean description."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["error"] == error
    assert ERROR_DESCRIPTION.fullmatch(body.get("error_description", ""))


def userinfo(http, access_token: str):
    return http.get("/userinfo", headers={"Authorization": f"Bearer {access_token}"})


def refresh(http, client, refresh_token: str, **extra):
    return http.post(
        "/token",
        data={"grant_type": "refresh_token", "refresh_token": refresh_token, **extra},
        auth=(client.client_id, client.secret),
    )
