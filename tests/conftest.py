"""Fixtures: a migrated database, the app, `http` (Flask's test client) and
helpers that make citizens and clients and sign in through the real pages.

Runs on SQLite by default, on PostgreSQL when DATABASE_URL points there.
"""

import base64
import hashlib
import secrets
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from alembic import command
from flask.globals import _cv_app
from flask.testing import FlaskClient
from sqlalchemy import text

from config import TestConfig
from idp import create_app
from idp.extensions import db, limiter
from idp.models import Citizen, SigningKey
from idp.outbound import client_jwks
from idp.protocol.keys import SUPPORTED_ALGS, create_key
from idp.services import client_copies
from idp.services.clients import ClientSpec, register
from idp.web import after_post
from tests.append_only import APPEND_ONLY, empty_audit_log

pytest_plugins = ["tests.clock"]
ISSUER = TestConfig.ISSUER
REDIRECT_URI = "https://permits.example/callback"


class Config(TestConfig):
    # SQLite in memory needs one shared connection for all sessions.
    SQLALCHEMY_ENGINE_OPTIONS = (
        {"connect_args": {"check_same_thread": False}, "poolclass": __import__("sqlalchemy.pool").pool.StaticPool}
        if TestConfig.SQLALCHEMY_DATABASE_URI == "sqlite://"
        else {}
    )
    # The tests read the codes at /_dev/outbox (latest_sms), a development machine's opt-in.
    DEV_OUTBOX_ENABLED = True


class BrowserClient(FlaskClient):
    """Each request gets its own app context (own `g`, own db session), as in
    production, even though the test itself runs inside an app context."""

    def open(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)


@pytest.fixture(scope="session")
def app():
    app = create_app(Config)
    app.test_client_class = BrowserClient
    with app.app_context():
        _reset_schema(app)
        app.extensions["test_keys"] = _make_keys()
    return app


def _reset_schema(app):
    """Drop everything, then build the schema through the migrations."""
    with db.engine.begin() as connection:
        if db.engine.dialect.name == "postgresql":
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    config = app.extensions["migrate"].migrate.get_config()
    command.upgrade(config, "head")


def _make_keys():
    """Generate one key per algorithm once; each test gets copies."""
    rows = [create_key(alg, activate=True) for alg in SUPPORTED_ALGS]
    db.session.rollback()
    return [{c.name: getattr(row, c.name) for c in SigningKey.__table__.columns} for row in rows]


@pytest.fixture(autouse=True)
def ctx(app):
    with app.app_context():
        _empty_tables()
        limiter.reset()  # counters live outside the database
        client_jwks.forget()  # client keys cached per process, by URL (ports are reused)
        client_copies.forget()  # the tables were emptied behind the session's back
        for values in app.extensions["test_keys"]:
            db.session.add(SigningKey(**values))
        db.session.commit()
        yield
        db.session.remove()


def _empty_tables():
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in APPEND_ONLY:
                connection.execute(table.delete())
        empty_audit_log(connection)  # its triggers refuse a plain DELETE


@pytest.fixture
def http(app):
    return app.test_client()


@pytest.fixture
def make_citizen():
    counter = iter(range(10_000_000, 99_999_999))

    def make(phone=None, name="Siti Rahma", birthdate=date(1990, 5, 17)):
        citizen = Citizen(
            phone_number=phone or f"+62812{next(counter)}",
            phone_number_verified=True,
            name=name,
            birthdate=birthdate,
        )
        db.session.add(citizen)
        db.session.commit()
        return citizen

    return make


@pytest.fixture
def make_client():
    def make(**overrides):
        values = {"name": "Perizinan", "redirect_uris": [REDIRECT_URI]} | overrides
        # Every scope but openid needs a purpose; tests that do not care get a plain one.
        scopes = values.get("scope", ClientSpec.scope).split()
        values["purposes"] = {s: f"To serve you ({s})" for s in scopes if s != "openid"} | values.get("purposes", {})
        client, secret = register(ClientSpec(**values))
        client.secret = secret  # plaintext for the test only
        return client

    return make


def latest_sms(http):
    return http.get("/_dev/outbox").get_json()[0]


def csrf_of(http):
    with http.session_transaction() as session:
        return session.get("csrf_token")


def post_form(http, url, data, **kwargs):
    """POST a page form with the CSRF token the page would carry.

    A post answered by showing its page again (idp/web/after_post.py) is followed, as a
    browser does: the response is that page, with the post's status."""
    http.get(url)  # render the page: creates the token, like a browser would
    return follow_shown_again(http, http.post(url, data={"csrf_token": csrf_of(http), **data}, **kwargs))


def follow_shown_again(http, response):
    """The page a post redirected to in order to show something (an error, the outcome)."""
    with http.session_transaction() as session:
        shows_again = after_post.KEY in session
    if response.status_code == 303 and shows_again:
        return http.get(response.location)
    return response


def sign_in(http, phone, interaction_url="/signin", profile=None):
    """Sign in through the real pages; returns the last response."""
    query = urlsplit(interaction_url).query
    suffix = f"?{query}" if query else ""
    post_form(http, "/signin" + suffix, {"phone": phone})
    code = latest_sms(http)["code"]
    response = post_form(http, "/signin/code" + suffix, {"code": code})
    if response.status_code == 303 and "/signin/profile" in response.location:
        name, birthdate = profile or ("Budi Santoso", "1985-02-03")
        response = post_form(http, "/signin/profile" + suffix, {"name": name, "birthdate": birthdate})
    return response


class AuthRequest:
    """An authorization request with state, nonce and PKCE, and its checks."""

    def __init__(self, client, scope="openid profile phone", redirect_uri=REDIRECT_URI, **extra):
        self.client = client
        self.state = secrets.token_urlsafe(16)
        self.nonce = secrets.token_urlsafe(16)
        self.verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(self.verifier.encode()).digest()).rstrip(b"=").decode()
        self.redirect_uri = redirect_uri
        self.params = {
            "response_type": "code",
            "client_id": client.client_id,
            "redirect_uri": redirect_uri,
            "scope": scope,
            "state": self.state,
            "nonce": self.nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        } | extra

    def start(self, http):
        return http.get("/authorize", query_string={k: v for k, v in self.params.items() if v is not None})

    @staticmethod
    def result(response) -> dict:
        """The parameters of a redirect back to the client."""
        assert response.status_code in (302, 303), response.get_data(as_text=True)[:500]
        return {k: v[0] for k, v in parse_qs(urlsplit(response.location).query).items()}

    def follow_to_client(self, http, response):
        """Follow provider-internal redirects until one goes to the client."""
        while response.status_code in (302, 303) and not response.location.startswith(self.redirect_uri):
            response = http.get(response.location)
        return response

    def token_request(self, http, code, **overrides):
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": self.verifier,
        } | overrides
        data = {k: v for k, v in data.items() if v is not None}
        return http.post("/token", data=data, auth=(self.client.client_id, self.client.secret))


def consent_allow(http, response):
    """On the consent page, press Allow."""
    assert "/consent" in response.location
    return post_form(http, response.location, {"decision": "allow"})
