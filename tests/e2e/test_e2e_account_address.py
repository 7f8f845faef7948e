"""Issue 9 on a phone (390×844, Chromium): a citizen enters the address at /account, a
wrong part is named at its field with nothing typed lost, and Perizinan, allowed the
`address` scope, pre-fills its form with it; the real provider and service, over HTTP."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.citizen_steps import complete_profile, press_sign_in, sign_in_with_phone
from tests.e2e.conftest import PAGE_TIMEOUT_MS

pytestmark = pytest.mark.e2e

PHONE_VIEWPORT = {"width": 390, "height": 844}
ONE_LINE = (
    "Jl. Kebon Sirih No. 5, RT 003/RW 007, Kel. Gondangdia, Kec. Menteng, Jakarta Pusat, DKI Jakarta 10350, Indonesia"
)


@pytest.fixture(scope="module")
def phone(chromium, stack):
    context = chromium.new_context(locale="en-US", viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_the_citizen_enters_the_address_and_a_missing_part_is_named_at_its_field(phone, stack):
    phone.goto(f"{stack.provider_url}/account/address")
    sign_in_with_phone(phone, stack, "081234500201", "+6281234500201")
    complete_profile(phone, "Dewi Lestari", "1992-11-05")
    expect(phone.get_by_role("heading", name="Your address")).to_be_visible()
    phone.get_by_label("Street and house number").fill("Jl. Kebon Sirih No. 5")
    phone.get_by_label("RT", exact=True).fill("3")
    phone.get_by_label("RW", exact=True).fill("7")
    phone.get_by_label("Kelurahan").fill("Gondangdia")
    phone.get_by_label("City or regency").fill("Jakarta Pusat")
    phone.get_by_label("Postal code").fill("10350")
    phone.get_by_role("button", name="Save").click()

    expect(phone.locator("#kecamatan-error")).to_have_text("Fill this in.")
    expect(phone.get_by_label("Kecamatan")).to_have_attribute("aria-invalid", "true")
    expect(phone.get_by_label("Street and house number")).to_have_value("Jl. Kebon Sirih No. 5")
    expect(phone.get_by_label("Postal code")).to_have_value("10350")
    phone.get_by_label("Kecamatan").fill("Menteng")
    phone.get_by_role("button", name="Save").click()

    expect(phone).to_have_url(f"{stack.provider_url}/account/")
    expect(phone.get_by_role("status")).to_have_text("Your changes are saved.")
    expect(phone.locator("#address")).to_contain_text("RT 003/RW 007")


def test_permits_allowed_the_address_prefills_its_form_with_it(phone, stack):
    phone.goto(stack.service_urls["permits"])
    press_sign_in(phone)
    expect(phone.get_by_role("checkbox", name=re.compile("Your address"))).to_be_checked()
    phone.get_by_role("button", name="Allow").click()
    phone.get_by_role("link", name="Ajukan permohonan izin").click()

    address = phone.get_by_label("Alamat tempat tinggal")
    expect(address).to_have_value(ONE_LINE)
    expect(address).to_have_attribute("readonly", "")
