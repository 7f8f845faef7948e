"""Issue 13: the account pages on a phone. A sign-out button on each; times in Jakarta's
time (WIB) in the citizen's language; devices named as people name them."""

from datetime import UTC, datetime

import pytest

from idp.account.device_names import device_name
from idp.web.times import jakarta_time
from tests.conftest import AuthRequest, csrf_of, sign_in

PHONE = "081234567890"
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
)
IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1 Mobile/15E148 Safari/604.1"
)
SAMSUNG = (
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 "
    "Chrome/115.0.0.0 Mobile Safari/537.36"
)
WINDOWS_EDGE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
    "Safari/537.36 Edg/120.0.0.0"
)
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"


@pytest.mark.parametrize(
    "user_agent, name",
    [
        (ANDROID_CHROME, "Chrome on Android"),
        (IPHONE_SAFARI, "Safari on iPhone"),
        (SAMSUNG, "Samsung Internet on Android"),
        (WINDOWS_EDGE, "Edge on Windows"),
        (FIREFOX_LINUX, "Firefox on Linux"),
        ("curl/8.5.0", "Unknown browser"),
        ("", "Unknown browser"),
    ],
)
def test_devices_are_named_as_people_name_them(app, user_agent, name):
    with app.test_request_context("/?ui_locales=en"):
        assert device_name(user_agent) == name


def test_device_names_are_in_indonesian_by_default(app):
    with app.test_request_context("/"):
        assert device_name(ANDROID_CHROME) == "Chrome di Android"
        assert device_name(None) == "Peramban tidak dikenal"


def test_the_devices_page_names_this_device_and_shows_no_user_agent(http):
    http.environ_base["HTTP_USER_AGENT"] = ANDROID_CHROME
    sign_in(http, PHONE)
    page = http.get("/account/sessions?ui_locales=en").get_data(as_text=True)
    assert "<strong>Chrome on Android</strong>" in page
    assert "Mozilla/5.0" not in page


@pytest.mark.parametrize(
    "locale, text",
    [("id", "3 Desember 2026, 07.05 WIB"), ("en", "December 3, 2026, 7:05\u202fAM WIB")],
)
def test_times_are_in_jakarta_time_in_the_page_language(app, locale, text):
    moment = datetime(2026, 12, 3, 0, 5, tzinfo=UTC)  # 07:05 in Jakarta
    with app.test_request_context(f"/?ui_locales={locale}"):
        assert jakarta_time(moment) == text


def test_a_time_just_before_midnight_utc_is_the_next_day_in_jakarta(app):
    with app.test_request_context("/"):
        assert jakarta_time(datetime(2026, 12, 31, 17, 30, tzinfo=UTC)) == "1 Januari 2027, 00.30 WIB"


def test_the_devices_page_shows_times_in_wib_not_utc(http, clock):
    clock.set(datetime(2026, 12, 3, 0, 5, tzinfo=UTC).timestamp())
    sign_in(http, PHONE)
    page = http.get("/account/sessions").get_data(as_text=True)
    assert "3 Desember 2026, 07.05 WIB" in page
    assert "UTC" not in page


@pytest.mark.parametrize("path", ["/account/", "/account/sessions", "/account/2fa", "/account/profile"])
def test_every_account_page_has_a_sign_out_button(http, path):
    sign_in(http, PHONE)
    page = http.get(path + "?ui_locales=en").get_data(as_text=True)
    assert 'action="/end_session/confirm"' in page and ">Sign out</button>" in page


def test_signing_out_from_the_account_ends_the_session_and_redirects_to_a_page(http, make_client):
    client = make_client()
    sign_in(http, PHONE)
    http.get("/account/")
    response = http.post("/end_session/confirm", data={"csrf_token": csrf_of(http), "ui_locales": "en"})
    assert response.status_code == 303 and response.location == "/signed-out?ui_locales=en"
    assert "You are signed out" in http.get(response.location).get_data(as_text=True)
    auth = AuthRequest(client, prompt="none")
    assert auth.result(auth.start(http))["error"] == "login_required"


def test_the_phone_change_page_names_the_help_desk_not_a_web_address(http, app):
    sign_in(http, PHONE)
    page = http.get("/account/phone?ui_locales=en").get_data(as_text=True)
    assert app.config["SUPPORT_CONTACT"] in page
    assert app.config["ISSUER"] not in page


def test_the_date_of_birth_is_written_as_people_write_it(http):
    sign_in(http, PHONE, profile=("Budi Santoso", "17/08/1990"))
    assert "<dd>17 Agustus 1990</dd>" in http.get("/account/").get_data(as_text=True)
    assert "<dd>August 17, 1990</dd>" in http.get("/account/?ui_locales=en").get_data(as_text=True)
