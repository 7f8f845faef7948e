"""A FAPI 2.0 client (profile fapi2, private_key_jwt with ES256) and its flow:
PAR with a client assertion and a DPoP proof, then the code with both at /token."""

import secrets
import time

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from tests.conftest import ISSUER
from tests.oidc.dpop import PAR_URL, TOKEN_URL, new_key, proof
from tests.oidc.flows import full_flow
from tests.oidc.pushed import PushedAuthRequest

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


@pytest.fixture(scope="session")
def client_key():
    return ECKey.generate_key("P-256", auto_kid=True)


@pytest.fixture
def fapi_client(make_client, client_key):
    jwks = {"keys": [client_key.as_dict(private=False)]}
    return make_client(auth_method="private_key_jwt", jwks=jwks, id_token_alg="ES256", profile="fapi2")


def client_assertion(key, client_id, alg="ES256", **claims) -> str:
    """A client assertion (RFC 7523 §3); a claim given as None is left out."""
    now = int(time.time())
    payload = {"iss": client_id, "sub": client_id, "aud": ISSUER, "iat": now, "exp": now + 60}
    payload |= {"jti": secrets.token_urlsafe(16)} | claims
    payload = {name: value for name, value in payload.items() if value is not None}
    return jwt.encode({"alg": alg, "kid": key.kid}, payload, key, algorithms=[alg])


class FapiFlow(PushedAuthRequest):
    """The whole FAPI 2.0 flow of one authorization: its client key and its DPoP key."""

    def __init__(self, client, client_key, dpop_key=None, alg="ES256", **extra):
        super().__init__(client, **extra)
        self.client_key = client_key
        self.alg = alg  # of the client assertions
        self.dpop_key = dpop_key or new_key()

    def authentication(self, **claims) -> dict:
        return {
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": client_assertion(self.client_key, self.client.client_id, self.alg, **claims),
        }

    def client_authentication(self):
        return self.authentication(), None

    def push(self, http, headers=None, **extra):
        headers = {"DPoP": proof(self.dpop_key, htu=PAR_URL)} if headers is None else headers
        return super().push(http, headers=headers, **extra)

    def token_request(self, http, code, dpop_key=None, assertion=None, **overrides):
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": self.verifier,
        }
        data = {k: v for k, v in (data | (assertion or self.authentication()) | overrides).items() if v is not None}
        key = self.dpop_key if dpop_key is None else dpop_key
        headers = {"DPoP": proof(key, htu=TOKEN_URL)} if key is not False else {}
        return http.post("/token", data=data, headers=headers)

    def refresh(self, http, refresh_token, dpop_key=None):
        data = {"grant_type": "refresh_token", "refresh_token": refresh_token} | self.authentication()
        return http.post("/token", data=data, headers={"DPoP": proof(dpop_key or self.dpop_key, htu=TOKEN_URL)})

    def code(self, http) -> str:
        return full_flow(http, self)["code"]

    def tokens(self, http) -> dict:
        response = self.token_request(http, self.code(http))
        assert response.status_code == 200, response.get_json()
        return response.get_json()


@pytest.fixture
def flow(fapi_client, client_key):
    return FapiFlow(fapi_client, client_key)
