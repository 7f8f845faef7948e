"""Finding 1 (international SMS pumping): codes go only to Indonesian mobile numbers,
wherever a number is typed or hinted, and a per-IP limit counts an IPv6 /64 as one client."""

import pytest

from idp.web.ratelimit import address_key
from tests.conftest import AuthRequest, csrf_of, follow_shown_again, post_form, sign_in

EN = "?ui_locales=en"
ONLY_INDONESIAN = "JAKI ID sends codes only to Indonesian mobile numbers (+62 8…)."
# The numbers the review had codes sent to: the US, the UK, Nigeria, Russia, Bangladesh.
FOREIGN_MOBILES = ["+1 415 555 2671", "+44 7911 123456", "+234 803 123 4567", "+7 916 123 45 67", "+880 1712 345678"]


def outbox(http):
    return http.get("/_dev/outbox").get_json()


def browser_at(app, address):
    browser = app.test_client()
    browser.environ_base["REMOTE_ADDR"] = address
    return browser


@pytest.mark.parametrize("number", FOREIGN_MOBILES)
def test_finding_1_a_foreign_mobile_number_gets_no_code_at_sign_in(http, number):
    response = post_form(http, "/signin" + EN, {"phone": number})
    assert response.status_code == 400
    assert ONLY_INDONESIAN in response.get_data(as_text=True)
    assert outbox(http) == []


def test_finding_1_a_foreign_new_number_gets_no_code_at_a_phone_change(http):
    sign_in(http, "081234567890")
    http.post("/account/phone/current/send", data={"csrf_token": csrf_of(http)})
    code = outbox(http)[0]["code"]
    http.post("/account/phone/current", data={"csrf_token": csrf_of(http), "code": code})
    sent = len(outbox(http))
    response = http.post(
        "/account/phone/new?ui_locales=en", data={"csrf_token": csrf_of(http), "phone": "+44 7911 123456"}
    )
    response = follow_shown_again(http, response)
    assert response.status_code == 400
    assert ONLY_INDONESIAN in response.get_data(as_text=True)
    assert len(outbox(http)) == sent


def test_finding_1_a_foreign_login_hint_is_not_filled_in(http, make_client):
    response = AuthRequest(make_client(), login_hint="+14155552671").start(http)
    page = http.get(response.location).get_data(as_text=True)
    assert "4155552671" not in page


def test_finding_1_an_indonesian_login_hint_is_still_filled_in(http, make_client):
    response = AuthRequest(make_client(), login_hint="0812 3456 7890").start(http)
    assert 'value="+6281234567890"' in http.get(response.location).get_data(as_text=True)


@pytest.mark.parametrize(
    "address, key",
    [
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("192.0.2.7", "192.0.2.7"),
        ("fe80::1%eth0", "fe80::/64"),
        ("not an address", "unknown"),
        (None, "unknown"),
    ],
)
def test_finding_1_an_ipv6_client_is_counted_by_its_64(address, key):
    assert address_key(address) == key


def test_finding_1_sign_in_codes_per_ip_count_an_ipv6_64_as_one_address(app, monkeypatch):
    monkeypatch.setitem(app.config, "OTP_PER_IP_LIMIT", "2 per hour")
    for n in range(2):
        browser = browser_at(app, f"2001:db8:1:2::{n + 1}")
        assert post_form(browser, "/signin", {"phone": f"08123456780{n}"}).status_code == 303
    # Another address of the same /64 (one subscriber has them all): the same client.
    refused = post_form(browser_at(app, "2001:db8:1:2:9999::3"), "/signin", {"phone": "081234567809"})
    assert refused.status_code == 429
    # Another /64 is another client.
    assert post_form(browser_at(app, "2001:db8:1:3::1"), "/signin", {"phone": "081234567809"}).status_code == 303


def test_finding_1_staff_sign_in_attempts_per_ip_count_an_ipv6_64_as_one_address(http, monkeypatch):
    from idp.staff import signin

    monkeypatch.setattr(signin, "ATTEMPTS_PER_IP", "2 per 15 minutes")
    for n in range(2):
        environ = {"REMOTE_ADDR": f"2001:db8:5:6::{n + 1}"}
        response = post_form(http, "/staff/signin", {"username": f"guess{n}", "password": "x"}, environ_base=environ)
        assert response.status_code == 400
    environ = {"REMOTE_ADDR": "2001:db8:5:6:abcd::9"}
    response = post_form(http, "/staff/signin", {"username": "guess9", "password": "x"}, environ_base=environ)
    assert response.status_code == 429
