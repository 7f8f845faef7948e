"""What a citizen does in the browser, as Playwright steps."""

import time

import requests

OUTBOX_WAIT_SECONDS = 5


def verification_code(stack, phone_e164):
    """The newest code JAKI ID's development SMS outbox holds for this phone."""
    deadline = time.monotonic() + OUTBOX_WAIT_SECONDS
    while time.monotonic() < deadline:
        messages = requests.get(f"{stack.provider_url}/_dev/outbox", timeout=5).json()
        for message in messages:
            if message["to"] == phone_e164 and message["code"]:  # not a notice
                return message["code"]
        time.sleep(0.1)
    raise AssertionError(f"no SMS to {phone_e164} in the outbox")


def sms_count(stack):
    return len(requests.get(f"{stack.provider_url}/_dev/outbox", timeout=5).json())


def press_sign_in(page):
    page.get_by_role("link", name="Masuk dengan JAKI").first.click()


def open_neighbour(page, title):
    """Follow the footer link to another service, as a newcomer with one URL would."""
    page.get_by_role("navigation", name="Layanan lain").get_by_role("link", name=title).click()


def sign_in_with_phone(page, stack, phone, phone_e164):
    page.get_by_label("Phone number").fill(phone)
    page.get_by_role("button", name="Send code").click()
    page.get_by_label("Verification code").fill(verification_code(stack, phone_e164))
    page.get_by_role("button", name="Verify").click()


def complete_profile(page, name, birthdate):
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Date of birth").fill(birthdate)
    page.get_by_role("button", name="Continue").click()


def received_claims(page, table_id="userinfo-claims"):
    """The claims the service page lists as received from JAKI ID (under "technical details")."""
    details = page.locator("details.received-claims").first
    details.wait_for()
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    cells = page.locator(f"#{table_id} td[data-claim]")
    cells.first.wait_for()
    return {cell.get_attribute("data-claim"): cell.inner_text() for cell in cells.all()}
