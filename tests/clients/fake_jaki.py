"""A stand-in for JAKI ID, served over real HTTP, for the services' own tests.

It speaks just enough OpenID Connect (code flow, PKCE S256, pairwise `sub`,
RP-Initiated Logout) for a service to sign a citizen in, and it can be told to
misbehave so the tests see each check in the services hold. The e2e tests run
the real provider instead.
"""

import base64
import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from authlib.oidc.core.util import create_half_hash
from flask import Flask, abort, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server

SIGNING_KEY_ID = "fake-key-1"


@dataclass
class RegisteredClient:
    client_id: str
    client_secret: str
    redirect_uris: list
    post_logout_redirect_uris: list
    sector: str


@dataclass
class Citizen:
    id: str = "citizen-1"
    name: str = "Budi Santoso"
    birthdate: str = "1985-04-12"
    phone_number: str = "+6281234567890"
    address: str = "Jl. Cikini Raya No. 10, Menteng, Jakarta Pusat 10330"


@dataclass
class Behaviour:
    """What the fake does; tests change a field to make it misbehave."""

    deny_consent: bool = False
    scopes_supported: list = field(default_factory=lambda: ["openid", "profile", "phone", "offline_access"])
    iss_parameter: str | None = None  # None: send the real issuer
    id_token_overrides: dict = field(default_factory=dict)
    userinfo_sub: str | None = None
    userinfo_fails: bool = False
    acr: str = "urn:jaki:loa:1"
    honour_acr_values: bool = False  # answer `acr_values` with that `acr`
    refuse_acr_values: bool = False  # answer `acr_values` with unmet_authentication_requirements
    sign_with_unknown_key: bool = False


class FakeJaki:
    def __init__(self):
        self.signing_key = RSAKey.generate_key(2048, parameters={"kid": SIGNING_KEY_ID})
        self.clients = {}
        self.citizen = Citizen()
        self.behaviour = Behaviour()
        self.authorization_requests = []  # every /authorize query, for assertions
        self.end_session_requests = []
        self._codes = {}
        self._access_tokens = {}
        self.session_id = secrets.token_urlsafe(16)  # the citizen's session at the fake
        self.app = self._build_app()
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.issuer = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()

    def reset(self):
        self.session_id = secrets.token_urlsafe(16)
        self.behaviour = Behaviour()
        self.citizen = Citizen()
        self.authorization_requests.clear()
        self.end_session_requests.clear()

    def register_client(self, service_url, sector):
        client = RegisteredClient(
            client_id=f"client-{secrets.token_hex(4)}",
            client_secret=secrets.token_urlsafe(32),
            redirect_uris=[f"{service_url}/auth/callback"],
            post_logout_redirect_uris=[f"{service_url}/signed-out"],
            sector=sector,
        )
        self.clients[client.client_id] = client
        return client

    def pairwise_sub(self, client):
        digest = hmac.new(b"fake-salt", f"{client.sector}|{self.citizen.id}".encode(), "sha256")
        return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")

    def metadata(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "scopes_supported": self.behaviour.scopes_supported,
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "authorization_response_iss_parameter_supported": True,
        }

    def claims_for(self, scope):
        claims = {}
        if "profile" in scope:
            claims.update(name=self.citizen.name, birthdate=self.citizen.birthdate)
        if "phone" in scope:
            claims.update(phone_number=self.citizen.phone_number, phone_number_verified=True)
        if "address" in scope:
            claims.update(address={"formatted": self.citizen.address})
        return claims

    def acr_for(self, grant):
        if self.behaviour.honour_acr_values and grant.get("acr_values"):
            return grant["acr_values"].split()[0]
        return self.behaviour.acr

    def issue_id_token(self, client, grant, access_token):
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": self.pairwise_sub(client),
            "aud": [client.client_id],
            "exp": now + 300,
            "iat": now,
            "auth_time": now,
            "nonce": grant["nonce"],
            "acr": self.acr_for(grant),
            "amr": ["sms"],
            "at_hash": create_half_hash(access_token, "RS256").decode(),
            "sid": self.session_id,
        }
        claims.update(self.behaviour.id_token_overrides)
        key = self.signing_key
        if self.behaviour.sign_with_unknown_key:
            key = RSAKey.generate_key(2048, parameters={"kid": SIGNING_KEY_ID})
        return jwt.encode({"alg": "RS256", "kid": SIGNING_KEY_ID}, claims, key)

    def logout_token(self, client, header=None, **claims):
        """A Back-Channel Logout 1.0 logout token for `client`; `claims` override or
        (given as None) remove the usual ones."""
        now = int(time.time())
        values = {
            "iss": self.issuer,
            "aud": client.client_id,
            "iat": now,
            "exp": now + 120,
            "jti": secrets.token_urlsafe(16),
            "events": {"http://schemas.openid.net/event/backchannel-logout": {}},
            "sub": self.pairwise_sub(client),
            "sid": self.session_id,
        } | claims
        values = {name: value for name, value in values.items() if value is not None}
        protected = {"alg": "RS256", "kid": SIGNING_KEY_ID, "typ": "logout+jwt"} | (header or {})
        return jwt.encode(protected, values, self.signing_key)

    def _build_app(self):
        app = Flask(__name__)

        @app.get("/.well-known/openid-configuration")
        def discovery():
            return jsonify(self.metadata())

        @app.get("/jwks")
        def jwks():
            return jsonify(KeySet([self.signing_key]).as_dict(private=False))

        @app.get("/authorize")
        def authorize():
            args = request.args
            self.authorization_requests.append(args.to_dict())
            client = self.clients.get(args.get("client_id"))
            if client is None or args.get("redirect_uri") not in client.redirect_uris:
                abort(400)  # never redirect to an unregistered place
            if args.get("code_challenge_method") != "S256" or not args.get("code_challenge"):
                abort(400)
            iss = self.behaviour.iss_parameter or self.issuer
            response = {"state": args.get("state"), "iss": iss}
            if self.behaviour.deny_consent:
                response["error"] = "access_denied"
            elif self.behaviour.refuse_acr_values and args.get("acr_values"):
                response["error"] = "unmet_authentication_requirements"
            else:
                code = secrets.token_urlsafe(16)
                self._codes[code] = {**args.to_dict(), "client_id": client.client_id}
                response["code"] = code
            return redirect(f"{args['redirect_uri']}?{urlencode(response)}")

        @app.post("/token")
        def token():
            auth = request.authorization
            client = self.clients.get(auth.username if auth else None)
            if client is None or not hmac.compare_digest(auth.password, client.client_secret):
                return jsonify(error="invalid_client"), 401
            grant = self._codes.pop(request.form.get("code"), None)
            issued_to = (client.client_id, request.form.get("redirect_uri"))
            if grant is None or (grant["client_id"], grant["redirect_uri"]) != issued_to:
                return jsonify(error="invalid_grant"), 400
            verifier = request.form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            if challenge.decode().rstrip("=") != grant["code_challenge"]:
                return jsonify(error="invalid_grant", error_description="PKCE failed"), 400
            access_token = secrets.token_urlsafe(32)
            self._access_tokens[access_token] = (client, grant["scope"].split())
            return jsonify(
                access_token=access_token,
                token_type="Bearer",
                expires_in=300,
                scope=grant["scope"],
                id_token=self.issue_id_token(client, grant, access_token),
            )

        @app.get("/userinfo")
        def userinfo():
            bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
            if self.behaviour.userinfo_fails or bearer not in self._access_tokens:
                return jsonify(error="invalid_token"), 401
            client, scope = self._access_tokens[bearer]
            sub = self.behaviour.userinfo_sub or self.pairwise_sub(client)
            return jsonify(sub=sub, **self.claims_for(scope))

        @app.get("/logout")
        def end_session():
            args = request.args.to_dict()
            self.end_session_requests.append(args)
            registered = [uri for c in self.clients.values() for uri in c.post_logout_redirect_uris]
            if args.get("post_logout_redirect_uri") not in registered:
                return "Signed out", 200
            back = urlencode({"state": args["state"]})
            return redirect(f"{args['post_logout_redirect_uri']}?{back}")

        return app
