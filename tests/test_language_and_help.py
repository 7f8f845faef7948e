"""Issue 13: every page links to help and privacy (real pages, in both languages) and has
a language switch that keeps the citizen where they were."""

from urllib.parse import urlsplit

import pytest

from tests.conftest import AuthRequest, post_form, sign_in

PHONE = "081234567890"


@pytest.mark.parametrize("path", ["/help", "/privacy"])
def test_help_and_privacy_are_pages_in_indonesian_by_default(http, path):
    response = http.get(path)
    assert response.status_code == 200
    assert '<html lang="id">' in response.get_data(as_text=True)


def test_help_in_english_names_a_real_contact_not_a_web_address(http, app):
    page = http.get("/help?ui_locales=en").get_data(as_text=True)
    assert "<h1>Help</h1>" in page
    assert f'href="mailto:{app.config["SUPPORT_EMAIL"]}"' in page
    assert 'href="tel:' in page
    assert app.config["ISSUER"] not in page


def test_privacy_in_english_says_what_is_shared_and_with_whom(http):
    page = http.get("/privacy?ui_locales=en").get_data(as_text=True)
    assert "<h1>Privacy</h1>" in page
    assert "only after you allow it" in page


@pytest.mark.parametrize("path", ["/", "/signin", "/help", "/no-such-page"])
def test_every_page_links_to_help_and_privacy(http, path):
    page = http.get(path).get_data(as_text=True)
    assert 'href="/help"' in page and 'href="/privacy"' in page


def test_account_pages_link_to_help_and_privacy_too(http):
    sign_in(http, PHONE)
    page = http.get("/account/").get_data(as_text=True)
    assert 'href="/help"' in page and 'href="/privacy"' in page


def test_the_switch_offers_the_other_language_on_this_page(http, make_client):
    sign_in_page = AuthRequest(make_client()).start(http).location
    page = http.get(sign_in_page).get_data(as_text=True)
    query = urlsplit(sign_in_page).query
    assert f'<a href="/signin?{query}&amp;lang=en" lang="en" hreflang="en">English</a>' in page
    assert '<span aria-current="true" lang="id">Bahasa Indonesia</span>' in page


def test_switching_keeps_the_page_and_the_sign_in(http, make_client):
    sign_in_page = AuthRequest(make_client()).start(http).location
    response = http.get(sign_in_page + "&lang=en")
    assert response.status_code == 303 and response.location == sign_in_page
    assert "<h1>Sign in</h1>" in http.get(response.location).get_data(as_text=True)


def test_the_choice_carries_on_to_the_next_pages(http, make_client):
    sign_in_page = AuthRequest(make_client()).start(http).location
    http.get(sign_in_page + "&lang=en")
    code_page = post_form(http, sign_in_page, {"phone": PHONE}).location
    assert "<h1>Enter the code</h1>" in http.get(code_page).get_data(as_text=True)


def test_the_choice_comes_before_the_services_ui_locales(http, make_client):
    http.get("/signin?lang=en")
    sign_in_page = AuthRequest(make_client(), ui_locales="id").start(http).location
    assert "<h1>Sign in</h1>" in http.get(sign_in_page).get_data(as_text=True)


def test_switching_back_to_indonesian(http):
    http.get("/help?lang=en")
    http.get("/help?lang=id")
    assert "<h1>Bantuan</h1>" in http.get("/help").get_data(as_text=True)


def test_an_unknown_language_changes_nothing(http):
    response = http.get("/help?lang=xx")
    assert response.status_code == 303 and response.location == "/help"
    assert '<html lang="id">' in http.get("/help").get_data(as_text=True)
