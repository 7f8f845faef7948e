"""The FAPI 2.0 Security Profile, as a service uses it: a service registered with
`--profile fapi2` holds its own signing key (JAKI_CLIENT_JWK, a private JWK) and

- pushes its authorization request (RFC 9126) and sends the browser with only
  `client_id` and the `request_uri` it got back,
- authenticates with private_key_jwt (RFC 7523): an ES256 assertion whose `aud`
  is the issuer identifier and nothing else (FAPI 2.0 5.3.2.1-8),
- proves a DPoP key (RFC 9449) at PAR, which binds the code to it, at the token
  endpoint, which binds the tokens, and at UserInfo with the `DPoP` scheme.

The DPoP key is this process's own, made at start-up and never leaving it.
A server nonce (`use_dpop_nonce`) is answered by signing again with it, once.
"""

import base64
import hashlib
import json
import secrets
import time

import requests
from flask import current_app
from joserfc import jws, jwt
from joserfc.jwk import ECKey, import_key

from .encryption import decryption
from .settings import PROVIDER_TIMEOUT_SECONDS

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


class FapiClient:
    def __init__(self, client_id: str, private_jwk: str, issuer: str):
        self.client_id = client_id
        self.issuer = issuer
        self.client_key = import_key(json.loads(private_jwk))
        self.dpop_key = ECKey.generate_key("P-256")
        self.nonce: str | None = None

    def assertion(self) -> dict:
        now = int(time.time())
        claims = {"iss": self.client_id, "sub": self.client_id, "aud": self.issuer, "iat": now, "exp": now + 60}
        claims["jti"] = secrets.token_urlsafe(16)
        header = {"alg": "ES256", "kid": self.client_key.kid}
        token = jwt.encode(header, claims, self.client_key, algorithms=["ES256"])
        return {"client_assertion_type": ASSERTION_TYPE, "client_assertion": token}

    def proof(self, method: str, url: str, access_token: str | None = None) -> str:
        claims = {"jti": secrets.token_urlsafe(16), "htm": method, "htu": url, "iat": int(time.time())}
        if access_token is not None:
            digest = hashlib.sha256(access_token.encode()).digest()
            claims["ath"] = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        if self.nonce:
            claims["nonce"] = self.nonce
        header = {"typ": "dpop+jwt", "alg": "ES256", "jwk": self.dpop_key.as_dict(private=False)}
        return jws.serialize_compact(header, json.dumps(claims).encode(), self.dpop_key, algorithms=["ES256"])

    def _send(self, method: str, url: str, access_token: str | None = None, form=None) -> requests.Response:
        """One request with a fresh proof; again with the server's nonce if it asks for one.
        `form` makes the body for each attempt: a client assertion is good for one use only."""
        for _attempt in range(2):
            headers = {"DPoP": self.proof(method, url, access_token)}
            if access_token is not None:
                headers["Authorization"] = f"DPoP {access_token}"
            data = form() if form else None
            response = requests.request(method, url, headers=headers, data=data, timeout=PROVIDER_TIMEOUT_SECONDS)
            self.nonce = response.headers.get("DPoP-Nonce") or self.nonce
            if not _asks_for_nonce(response):
                return response
        return response

    def push(self, endpoint: str, params: dict) -> str:
        """RFC 9126 §2: the request's parameters in; its request_uri out."""
        response = self._send("POST", endpoint, form=lambda: params | self.assertion())
        if response.status_code != 201:
            raise requests.HTTPError(f"PAR refused: {response.text[:200]}", response=response)
        return response.json()["request_uri"]

    def redeem(self, endpoint: str, code: str, redirect_uri: str, code_verifier: str) -> dict:
        data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        data["code_verifier"] = code_verifier
        response = self._send("POST", endpoint, form=lambda: data | self.assertion())
        if response.status_code != 200:
            raise requests.HTTPError(f"token request refused: {response.text[:200]}", response=response)
        token = response.json()
        if token.get("token_type") != "DPoP":
            raise requests.HTTPError("JAKI ID issued a token that is not DPoP-bound", response=response)
        return token

    def userinfo(self, endpoint: str, access_token: str) -> dict:
        response = self._send("GET", endpoint, access_token=access_token)
        response.raise_for_status()
        decrypting = decryption()
        return decrypting.userinfo(response) if decrypting is not None else response.json()


def _asks_for_nonce(response: requests.Response) -> bool:
    if response.status_code == 400:
        return response.headers.get("Content-Type", "").startswith("application/json") and (
            response.json().get("error") == "use_dpop_nonce"
        )
    return response.status_code == 401 and 'error="use_dpop_nonce"' in response.headers.get("WWW-Authenticate", "")


def fapi_client() -> FapiClient | None:
    """This service's FAPI 2.0 client, when it is registered for the profile (it has a key)."""
    return current_app.extensions.get("jaki_fapi")


def init_app(app) -> None:
    if app.config.get("JAKI_CLIENT_JWK"):
        app.extensions["jaki_fapi"] = FapiClient(
            app.config["JAKI_CLIENT_ID"], app.config["JAKI_CLIENT_JWK"], app.config["JAKI_ISSUER"]
        )
