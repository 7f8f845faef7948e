"""Headers and cookies every page gets (OWASP secure headers; RFC 6265bis prefixes)."""

from pathlib import Path

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
    for path in (Path(__file__).resolve().parent.parent / "idp" / "templates").rglob("*.html"):
        text = path.read_text()
        assert "<script" not in text and "<style" not in text and " style=" not in text, path
