"""The done-when of the core: a relying party using Authlib's own client does
the whole flow — discovery, authorize with PKCE, code, token, ID token
validation, UserInfo, refresh, revocation — speaking HTTP to the provider.

Authlib's requests-based client is pointed at the app through a tiny
transport adapter, so every request is real HTTP handled by the app.
"""

from io import BytesIO
from urllib.parse import urlsplit

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.jwk import KeySet
from requests.adapters import BaseAdapter

from tests.conftest import ISSUER, REDIRECT_URI, consent_allow, sign_in


class WSGIAdapter(BaseAdapter):
    """requests → the Flask app, through its test client (a real WSGI round trip)."""

    def __init__(self, http):
        super().__init__()
        self.http = http

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        result = self.http.open(
            parts.path,
            method=request.method,
            query_string=parts.query,
            headers=dict(request.headers),
            data=request.body,
        )
        response = requests.Response()
        response.status_code = result.status_code
        response.headers.update(result.headers)
        response.raw = BytesIO(result.get_data())
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass


@pytest.fixture
def rp(http, make_client):
    client = make_client()
    session = OAuth2Session(
        client.client_id,
        client.secret,
        scope="openid profile phone",
        redirect_uri=REDIRECT_URI,
        code_challenge_method="S256",
        token_endpoint_auth_method="client_secret_basic",
    )
    session.mount(ISSUER, WSGIAdapter(http))
    session.metadata = session.get(f"{ISSUER}/.well-known/openid-configuration", withhold_token=True).json()
    return client, session


def browser_to_callback(http, url):
    """The citizen's part: sign in by phone and allow; returns the callback URL."""
    response = http.get(url[len(ISSUER) :])
    response = http.get(sign_in(http, "081234567890", response.location).location)
    response = consent_allow(http, response)
    while not response.location.startswith(REDIRECT_URI):
        response = http.get(response.location)
    return response.location


def test_authlib_client_does_the_whole_flow(http, rp):
    client, session = rp
    metadata = session.metadata
    verifier, nonce = generate_token(48), generate_token(20)
    url, state = session.create_authorization_url(
        metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce
    )
    callback = browser_to_callback(http, url)

    token = session.fetch_token(
        metadata["token_endpoint"], authorization_response=callback, code_verifier=verifier, state=state
    )
    jwks = KeySet.import_key_set(session.get(metadata["jwks_uri"]).json())
    claims = jwt.decode(token["id_token"], jwks).claims
    # Authlib's own ID token checks (OIDC Core 3.1.3.7): iss, aud, exp, iat, nonce, at_hash.
    id_token = CodeIDToken(
        claims,
        {"alg": "RS256"},
        options={"iss": {"essential": True, "value": ISSUER}, "aud": {"essential": True, "value": client.client_id}},
        params={"nonce": nonce, "access_token": token["access_token"]},
    )
    id_token.validate()

    userinfo = session.get(metadata["userinfo_endpoint"]).json()
    assert userinfo["sub"] == claims["sub"] and userinfo["phone_number_verified"] is True

    refreshed = session.refresh_token(metadata["token_endpoint"])
    assert refreshed["access_token"] != token["access_token"]

    revoked = session.revoke_token(
        metadata["revocation_endpoint"], refreshed["refresh_token"], token_type_hint="refresh_token"
    )
    assert revoked.status_code == 200
    assert session.get(metadata["userinfo_endpoint"]).status_code == 401
