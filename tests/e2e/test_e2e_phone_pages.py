"""Issue 13 on a phone (390×844, Chromium): the code page's countdown ticks and the
locked code page offers only a new code; the authenticator is set up through its link;
back after signing in returns to the service, and never asks to send a form again.
Each test has its own browser context (its own cookies) and phone number."""

import re
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from playwright.sync_api import expect

from tests.e2e.citizen_steps import complete_profile, press_sign_in, sign_in_with_phone, verification_code
from tests.e2e.conftest import PAGE_TIMEOUT_MS

pytestmark = pytest.mark.e2e

PHONE_VIEWPORT = {"width": 390, "height": 844}


@pytest.fixture
def phone(chromium, stack):
    context = chromium.new_context(locale="en-US", viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def ask_for_code(page, stack, phone_number):
    page.goto(f"{stack.provider_url}/signin")
    page.get_by_label("Phone number").fill(phone_number)
    page.get_by_role("button", name="Send code").click()


def test_the_resend_countdown_ticks_and_then_enables_the_button(phone, stack):
    phone.clock.install()  # the page's timers, moved on by the test instead of waited for
    ask_for_code(phone, stack, "081234500101")
    status, resend = phone.locator("#resend-status"), phone.get_by_role("button", name="Send a new code")
    expect(resend).to_be_disabled()
    expect(status).to_have_text("No SMS yet? You can ask for a new code in 0:30.")
    phone.clock.run_for(5_000)
    expect(status).to_have_text("No SMS yet? You can ask for a new code in 0:25.")
    expect(resend).to_be_disabled()
    phone.clock.run_for(25_000)
    expect(status).to_have_text("No SMS yet?")
    expect(resend).to_be_enabled()


def test_after_five_wrong_codes_only_a_new_code_is_offered(phone, stack):
    ask_for_code(phone, stack, "081234500102")
    right = verification_code(stack, "+6281234500102")
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(5):
        phone.get_by_label("Verification code").fill(wrong)
        phone.get_by_role("button", name="Verify").click()
    expect(phone.get_by_role("alert")).to_have_text("Too many wrong codes. Ask for a new code.")
    expect(phone.get_by_label("Verification code")).to_have_count(0)
    expect(phone.get_by_role("button", name="Verify")).to_have_count(0)
    expect(phone.get_by_role("button", name="Send a new code")).to_be_visible()


def test_the_authenticator_is_set_up_through_its_link(phone, stack):
    phone.goto(f"{stack.provider_url}/account/2fa/setup")
    sign_in_with_phone(phone, stack, "081234500103", "+6281234500103")
    complete_profile(phone, "Sari Dewi", "1990-08-17")
    link = phone.get_by_role("link", name="Open in authenticator app")
    expect(link).to_be_in_viewport()
    href = link.get_attribute("href")
    assert href.startswith("otpauth://totp/")
    secret = parse_qs(urlsplit(href).query)["secret"][0]
    # The key on the page, copied, is the key in the link.
    assert phone.locator("code.secret").inner_text() == secret
    phone.get_by_label("Authentication code").fill(pyotp.TOTP(secret).now())
    phone.get_by_role("button", name="Verify").click()
    expect(phone.get_by_role("link", name="Continue")).to_be_visible()


def test_back_after_signing_in_at_a_service_returns_to_the_service_not_a_dead_end(phone, stack):
    service = stack.service_urls["permits"]
    phone.goto(service)
    press_sign_in(phone)
    phone.get_by_label("Phone number").fill("081234500104")
    phone.get_by_role("button", name="Send code").click()
    right = verification_code(stack, "+6281234500104")
    # A wrong code first: the page that says so is reached by a redirect, not a POST.
    phone.get_by_label("Verification code").fill("000000" if right != "000000" else "111111")
    phone.get_by_role("button", name="Verify").click()
    expect(phone.get_by_role("alert")).to_contain_text("That code is not correct.")
    phone.get_by_label("Verification code").fill(right)
    phone.get_by_role("button", name="Verify").click()
    complete_profile(phone, "Rudi Hartono", "1988-03-21")
    phone.get_by_role("button", name="Allow").click()
    expect(phone).to_have_url(re.compile(re.escape(service)))

    phone.go_back()  # to the consent page, whose sign-in is over: back at the service's home page
    expect(phone).to_have_url(f"{service}/")
    expect(phone.locator(".site-header .account button")).to_be_visible()  # still signed in there (Keluar)
    for _ in range(3):  # further back: the code and phone pages, never "confirm form resubmission"
        phone.go_back()
        assert not phone.url.startswith("chrome-error://"), phone.url
        assert phone.url.startswith((service, f"{stack.provider_url}/account")), phone.url
        expect(phone.locator("h1")).to_be_visible()


def test_the_language_switch_keeps_the_citizen_on_the_same_sign_in(phone, stack):
    phone.goto(stack.service_urls["permits"])
    press_sign_in(phone)
    expect(phone.locator("#signing-in-to")).to_contain_text("Signing in to Perizinan")
    sign_in_page = phone.url
    phone.get_by_role("link", name="Bahasa Indonesia").click()
    expect(phone.get_by_role("heading", name="Masuk")).to_be_visible()
    expect(phone.locator("#signing-in-to")).to_contain_text("Masuk ke Perizinan")
    assert phone.url == sign_in_page  # the same sign-in, the same step
    phone.get_by_label("Nomor ponsel").fill("081234500105")
    phone.get_by_role("button", name="Kirim kode").click()
    expect(phone.get_by_role("heading", name="Masukkan kode")).to_be_visible()
    phone.get_by_role("link", name="English").click()
    expect(phone.get_by_role("heading", name="Enter the code")).to_be_visible()
