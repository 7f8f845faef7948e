"""A citizen's journey through the four services with JAKI ID, in headless Chromium.

The tests run in order in one browser, as one citizen: the single sign-on
session from the first test is what the later ones rely on.
"""

import sqlite3
from contextlib import closing
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from playwright.sync_api import expect

from tests.e2e.citizen_steps import (
    complete_profile,
    open_neighbour,
    press_sign_in,
    received_claims,
    sign_in_with_phone,
    sms_count,
)

pytestmark = pytest.mark.e2e

PHONE = "081234500001"  # new on every run: the stack starts from an empty database
PHONE_E164 = "+6281234500001"
NAME, BIRTHDATE = "Budi Santoso", "1985-04-12"  # a taxpayer in the tax office's demo data
STEP_UP_ACR = "urn:jaki:loa:2"
MENTENG_MAP_URL = "https://www.openstreetmap.org/?mlat=-6.200812&mlon=106.842163#map=18/-6.200812/106.842163"
PERSONAL_CLAIMS = {"name", "birthdate", "phone_number", "phone_number_verified", "address", "nik"}


@pytest.fixture(scope="module")
def subjects():
    """The `sub` each service received, by service name."""
    return {}


def allow(page):
    page.get_by_role("button", name="Allow").click()


def expect_consent_without_sign_in(page, stack):
    expect(page.get_by_role("button", name="Allow")).to_be_visible()
    assert page.url.startswith(stack.provider_url)
    assert page.get_by_label("Phone number", exact=True).count() == 0  # the sign-in field, not a scope


def test_new_citizen_signs_in_at_permits_and_sees_the_consented_claims(page, stack, subjects):
    page.goto(stack.service_urls["permits"])
    press_sign_in(page)
    sign_in_with_phone(page, stack, PHONE, PHONE_E164)
    complete_profile(page, NAME, BIRTHDATE)
    allow(page)

    claims = received_claims(page)
    assert page.url.startswith(stack.service_urls["permits"])
    assert {k: claims[k] for k in ("name", "birthdate", "phone_number", "phone_number_verified")} == {
        "name": NAME,
        "birthdate": BIRTHDATE,
        "phone_number": PHONE_E164,
        "phone_number_verified": "true",
    }
    subjects["permits"] = claims["sub"]


def test_permits_form_is_prefilled_from_the_claims(page, stack):
    page.get_by_role("link", name="Ajukan permohonan izin").click()

    expect(page.get_by_label("Nama lengkap")).to_have_value(NAME)
    expect(page.get_by_label("Nomor telepon")).to_have_value(PHONE_E164)
    page.get_by_label("Nama usaha").fill("Warung Kopi Cikini")
    page.get_by_label("Alamat usaha").fill("Jl. Cikini Raya No. 12")
    page.get_by_label("Kegiatan usaha").fill("Kedai kopi")
    page.get_by_role("button", name="Ajukan permohonan").click()
    expect(page.get_by_role("heading", name="Permohonan PRZ-000001")).to_be_visible()


def test_vaccination_signs_in_with_consent_only_no_code(page, stack, subjects):
    codes_sent = sms_count(stack)
    open_neighbour(page, "Vaksinasi")
    press_sign_in(page)

    expect_consent_without_sign_in(page, stack)
    allow(page)

    claims = received_claims(page)
    assert claims["name"] == NAME
    assert sms_count(stack) == codes_sent
    expect(page.locator("#schedule")).to_contain_text("Anda dapat memesan slot mulai")
    subjects["vaccination"] = claims["sub"]


def test_vaccination_sites_show_address_phone_and_map(page):
    site = page.locator(".cards > li", has_text="Puskesmas Kecamatan Menteng")

    expect(site.locator(".street-address")).to_have_text(
        "Jl. Pegangsaan Barat No. 14, Kel. Pegangsaan, Kec. Menteng, Jakarta Pusat 10320"
    )
    expect(site.get_by_role("link", name="(021) 3190 1001")).to_have_attribute("href", "tel:+622131901001")
    expect(site.locator(".coordinates")).to_have_text("-6.200812, 106.842163")
    expect(site.locator(".map-link")).to_have_attribute("href", MENTENG_MAP_URL)


def test_tax_signs_in_with_consent_only_and_finds_the_tax_objects(page, stack, subjects):
    codes_sent = sms_count(stack)
    open_neighbour(page, "Pajak Daerah")
    with page.expect_request(lambda request: "/authorize?" in request.url) as authorization:
        press_sign_in(page)
    # FAPI 2.0: the request was pushed (PAR); the browser carries only its request_uri.
    assert set(parse_qs(urlsplit(authorization.value.url).query)) == {"client_id", "request_uri"}

    expect_consent_without_sign_in(page, stack)
    allow(page)

    expect(page.get_by_role("heading", name="Objek pajak atas nama Budi Santoso")).to_be_visible()
    claims = received_claims(page)
    assert sms_count(stack) == codes_sent
    assert "phone_number" not in claims
    subjects["tax"] = claims["sub"]


def test_viewing_a_tax_bill_asks_jaki_id_for_a_higher_assurance_level(page, stack):
    with page.expect_request(lambda request: "/authorize?" in request.url) as authorization:
        page.get_by_role("link", name="Lihat tagihan PKB 2026").click()

    # acr_values travels in the pushed request, not in the browser's URL (FAPI 2.0, RFC 9126).
    assert set(parse_qs(urlsplit(authorization.value.url).query)) == {"client_id", "request_uri"}
    # A new citizen has no authenticator yet: JAKI ID offers to set one up, as the step-up asked.
    expect(page.get_by_role("button", name="Set up authenticator")).to_be_visible()


def test_declining_step_up_keeps_the_bill_hidden_and_says_what_was_asked(page, stack):
    page.get_by_role("button", name="Not now").click()

    expect(page.locator("#error-code")).to_have_text("unmet_authentication_requirements")
    expect(page.locator("#requested-acr")).to_have_text(STEP_UP_ACR)
    expect(page.get_by_text("Masuk sebagai Budi Santoso")).to_be_visible()
    assert page.url.startswith(stack.service_urls["tax"])


def test_with_an_authenticator_the_bill_is_shown_and_paid(page, stack):
    page.goto(stack.service_urls["tax"])
    page.get_by_role("link", name="Lihat tagihan PKB 2026").click()
    page.get_by_role("button", name="Set up authenticator").click()
    authenticator = pyotp.TOTP(page.locator("code.secret").inner_text())
    page.get_by_label("Authentication code").fill(authenticator.now())
    page.get_by_role("button", name="Verify").click()
    # The new app counts from the next sign-in: the SMS code, then a recovery code (the
    # app's code of this half-minute was spent setting it up).
    recovery_code = page.locator("ul.codes code").first.inner_text()
    page.get_by_role("link", name="Sign in again and continue").click()
    sign_in_with_phone(page, stack, PHONE, PHONE_E164)
    page.get_by_label("Authentication code").fill(recovery_code)
    page.get_by_role("button", name="Verify").click()

    expect(page.locator("#amount")).to_have_text("Rp405.000")
    page.get_by_role("button", name="Bayar Rp405.000").click()
    expect(page.locator("#bill-status")).to_have_text("Lunas")
    expect(page.locator("#verified-acr")).to_have_text(STEP_UP_ACR)


def test_the_tax_service_holds_only_sender_constrained_tokens(stack):
    """FAPI 2.0 end to end: the bill was paid through private_key_jwt, PAR and DPoP-bound tokens."""
    with closing(sqlite3.connect(stack.state_dir / "provider.db")) as provider_db:
        [(client_id, profile, method)] = provider_db.execute(
            "SELECT client_id, profile, token_endpoint_auth_method FROM client WHERE sector = 'pajak.jakarta.go.id'"
        ).fetchall()
        bindings = [
            jkt for (jkt,) in provider_db.execute("SELECT dpop_jkt FROM token WHERE client_id = ?", (client_id,))
        ]
        pushed = provider_db.execute(
            "SELECT count(*) FROM pushed_authorization_request WHERE client_id = ? AND used_at IS NOT NULL",
            (client_id,),
        ).fetchone()[0]
    assert (profile, method) == ("fapi2", "private_key_jwt")
    assert bindings and all(bindings)  # every token DPoP-bound (cnf.jkt)
    assert pushed == len(bindings)  # one pushed request per sign-in, each used once


def test_denying_consent_at_complaints_shows_its_error_page(page, stack):
    open_neighbour(page, "Jaklapor")
    press_sign_in(page)
    page.get_by_role("button", name="Deny").click()

    expect(page.get_by_role("heading", name="Izin tidak diberikan")).to_be_visible()
    expect(page.locator("#error-code")).to_have_text("access_denied")
    assert page.url.startswith(stack.service_urls["complaints"])


def test_complaints_receives_only_a_sub_unlinkable_to_the_other_services(page, stack, subjects):
    press_sign_in(page)
    expect_consent_without_sign_in(page, stack)
    allow(page)

    claims = received_claims(page)
    id_token_claims = received_claims(page, "id-token-claims")
    assert list(claims) == ["sub"]
    assert not PERSONAL_CLAIMS & set(id_token_claims)
    assert claims["sub"] not in subjects.values()
    assert len(set(subjects.values())) == 3


def test_complaint_is_filed_without_the_reporters_identity(page):
    page.get_by_label("Lokasi").fill("Jl. Salemba Raya")
    page.get_by_label("Uraian").fill("Lubang besar di lajur kiri")
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_role("status")).to_contain_text("Laporan Anda telah diterima")
    expect(page.get_by_text(NAME)).to_have_count(0)


def test_signing_out_ends_the_jaki_id_session_too(page, stack):
    # At the tax office, whose ID token is from the current sign-in: the one after setting up the
    # authenticator. Perizinan's is from the sign-in before, which JAKI ID would ask about first.
    open_neighbour(page, "Pajak Daerah")
    page.get_by_role("button", name="Keluar").click()

    expect(page.get_by_text("sesi JAKI ID Anda telah diakhiri")).to_be_visible()
    page.goto(stack.service_urls["tax"])
    press_sign_in(page)
    expect(page.get_by_label("Phone number")).to_be_visible()
