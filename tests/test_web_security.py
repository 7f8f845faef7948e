"""Headers and cookies every page gets (OWASP secure headers; RFC 6265bis prefixes)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from config import TestConfig
from idp import create_app
from idp.extensions import limiter
from idp.services.browser_sessions import COOKIE, write_session_cookie
from tests.conftest import AuthRequest, sign_in
from tests.oidc.flows import PHONE


def test_pages_forbid_framing_inline_script_and_referrers(http):
    headers = http.get("/signin").headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_no_hsts_outside_production(http):
    assert "Strict-Transport-Security" not in http.get("/").headers


def test_session_cookies_are_httponly_and_samesite_lax(http, make_client):
    response = AuthRequest(make_client()).start(http)
    sign_in(http, PHONE, response.location)
    cookies = {cookie.key: cookie for cookie in http._cookies.values()}
    for name in ("jaki_sid", "jaki_session"):
        assert cookies[name].http_only
        assert cookies[name].same_site == "Lax"


def test_templates_have_no_inline_script_or_style():
    # A script file of our own (idp/static) is what CSP script-src 'self' allows; nothing inline.
    static_script = re.compile(
        r"""<script src="\{\{ url_for\('static', filename='[\w.-]+\.js'\) \}\}" defer></script>"""
    )
    for path in (Path(__file__).resolve().parent.parent / "idp" / "templates").rglob("*.html"):
        text = static_script.sub("", path.read_text())
        assert "<script" not in text and "<style" not in text and " style=" not in text, path


class Production(TestConfig):
    ENV = "production"
    ISSUER = "https://id.jakarta.go.id"
    SECRET_KEY = "s" * 40
    KEY_ENCRYPTION_KEY = "bm90LXRoZS1kZXYta2V5LW5vdC10aGUtZGV2LWtleSE="
    CLIENT_SECRET_PEPPER = "p" * 32
    PAIRWISE_SALT = "a" * 32
    SMS_BACKEND = "console"
    RATELIMIT_STORAGE_URI = "redis://redis.internal:6379/0"  # never reached: see production_app
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-jaki_session"
    BROWSER_SESSION_COOKIE = "__Host-jaki_sid"


def test_production_derives_host_prefixed_secure_cookie_names():
    script = (
        "import config; c = config.Config; "
        "print(c.SESSION_COOKIE_NAME, c.BROWSER_SESSION_COOKIE, c.SESSION_COOKIE_SECURE)"
    )
    env = {**os.environ, "JAKI_ENV": "production"}
    output = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    assert output.split() == ["__Host-jaki_session", "__Host-jaki_sid", "True"]


@pytest.fixture
def production_app(monkeypatch):
    # The limiter is one object for the whole process, bound to the test app's storage:
    # a second app must not rebind it (to a Redis that is not there).
    monkeypatch.setattr(limiter, "init_app", lambda app: None)
    return create_app(Production)


def test_production_pages_send_hsts_and_secure_host_cookies(production_app):
    app = production_app
    response = app.test_client().get("/signin", base_url="https://id.jakarta.go.id")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-jaki_session=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Path=/" in cookie and "Domain" not in cookie


def test_production_sign_in_cookie_is_secure_and_host_prefixed(production_app):
    app = production_app
    with app.test_request_context("/", base_url="https://id.jakarta.go.id"):
        COOKIE.issue()
        cookie = write_session_cookie(app.response_class()).headers["Set-Cookie"]
    assert cookie.startswith("__Host-jaki_sid=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Domain" not in cookie
