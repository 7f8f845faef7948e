"""Issue 13 (c): setting up the authenticator on the phone that holds the app: an
otpauth:// link opens the app, the key is shown in groups of four (and copies whole), and
the way on after the recovery codes looks like the button it is."""

import re
from html import unescape

from idp.mfa import totp
from tests.account.test_second_factor import citizen, current_code
from tests.conftest import post_form, sign_in
from tests.oidc.flows import PHONE

EN = "?ui_locales=en"


def setup_page(http, query=EN):
    sign_in(http, PHONE)
    return http.get("/account/2fa/setup" + query).get_data(as_text=True)


def secret():
    return totp.decrypt(citizen().totp_secret_encrypted)


def test_issue13_c_the_page_links_to_the_authenticator_app(http):
    page = setup_page(http)
    link = re.search(r'<a id="otpauth-link" class="button" href="([^"]+)">Open in authenticator app</a>', page)
    assert link
    uri = unescape(link.group(1))
    assert uri.startswith("otpauth://totp/") and f"secret={secret()}" in uri


def test_issue13_c_the_link_is_in_indonesian_too(http):
    assert "Buka di aplikasi autentikator" in setup_page(http, "")


def test_issue13_c_the_key_is_shown_in_groups_of_four(http):
    page = setup_page(http)
    key = secret()
    groups = re.search(r'<code class="secret">(.*?)</code>', page).group(1)
    assert re.findall(r"<span>([A-Z2-7]+)</span>", groups) == [key[i : i + 4] for i in range(0, len(key), 4)]
    # No spaces between the groups (they are drawn apart): a copied key is the key.
    assert re.sub(r"<[^>]+>", "", groups) == key


def test_issue13_c_the_qr_code_is_for_another_device(http):
    page = setup_page(http)
    assert re.search(r'<details class="qr">\s*<summary>App on another device\? Scan a QR code</summary>', page)
    assert 'src="data:image/svg+xml;base64,' in page


def test_issue13_c_continue_after_the_recovery_codes_is_a_button(http):
    setup_page(http)
    page = post_form(http, "/account/2fa/setup" + EN, {"code": current_code()}).get_data(as_text=True)
    assert '<a class="button" href="/account/2fa">Continue</a>' in page


def test_issue13_c_the_csp_allows_the_otpauth_link(http):
    sign_in(http, PHONE)
    policy = http.get("/account/2fa/setup").headers["Content-Security-Policy"]
    # A link is a navigation: no fetch directive (default-src) applies, and none restricts it.
    assert "navigate-to" not in policy
