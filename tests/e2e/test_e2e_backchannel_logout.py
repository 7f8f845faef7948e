"""Signing out at one service signs the citizen out of the others too: JAKI ID
sends each a logout token (Back-Channel Logout 1.0) and they end their sign-ins."""

import time

import pytest
from playwright.sync_api import expect

from tests.e2e.citizen_steps import complete_profile, open_neighbour, press_sign_in, sign_in_with_phone

pytestmark = pytest.mark.e2e

PHONE = "081234500002"
PHONE_E164 = "+6281234500002"
DELIVERY_WAIT_SECONDS = 15


def signed_in(page):
    """Whether the service page offers "Keluar" (signed in) rather than "Masuk dengan JAKI"."""
    return page.get_by_role("button", name="Keluar").count() > 0


def test_signing_out_at_one_service_ends_the_others(page, stack):
    page.goto(stack.service_urls["permits"])
    press_sign_in(page)
    sign_in_with_phone(page, stack, PHONE, PHONE_E164)
    complete_profile(page, "Siti Rahma", "1990-05-17")
    page.get_by_role("button", name="Allow").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()

    open_neighbour(page, "Vaksinasi")
    press_sign_in(page)
    page.get_by_role("button", name="Allow").click()  # single sign-on: consent only
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()

    page.get_by_role("button", name="Keluar").click()  # at Vaksinasi
    expect(page.get_by_text("sesi JAKI ID Anda telah diakhiri")).to_be_visible()

    # Perizinan was told over the back channel; nothing in this browser told it.
    deadline = time.monotonic() + DELIVERY_WAIT_SECONDS
    page.goto(stack.service_urls["permits"])
    while signed_in(page) and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
    expect(page.get_by_role("link", name="Masuk dengan JAKI").first).to_be_visible()
    expect(page.get_by_role("button", name="Keluar")).to_have_count(0)
