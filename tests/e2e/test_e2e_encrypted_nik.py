"""The NIK travels only encrypted (idp/protocol/sensitive_scopes.py): the vaccination
and tax services registered their own encryption keys, JAKI ID encrypts the ID token,
UserInfo and the logout token to them, and they decrypt — a service that registered
encryption refuses anything in clear (clients/common/encryption.py), so a NIK shown
on its page arrived encrypted. In headless Chromium, over real HTTP."""

import json
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import expect

from demo.processes import REPO_ROOT, child_environment
from demo.stack import operator_environment
from tests.e2e.citizen_steps import (
    complete_profile,
    open_neighbour,
    press_sign_in,
    received_claims,
    sign_in_with_phone,
)

pytestmark = pytest.mark.e2e

PHONE = "081234500003"
PHONE_E164 = "+6281234500003"
NIK = "3171035705900001"  # born 17-05-90, a woman (+40)
DELIVERY_WAIT_SECONDS = 15
# The population registry's record of her, which the account pages cannot edit yet.
SET_NIK = """
import sys
from sqlalchemy import select
from wsgi import app
from idp.extensions import db
from idp.models import Citizen
with app.app_context():
    citizen = db.session.scalar(select(Citizen).where(Citizen.phone_number == sys.argv[1]))
    citizen.nik = sys.argv[2]
    db.session.commit()
"""


def registered_nik(stack, phone, nik):
    env = operator_environment(stack.state_dir, urlsplit(stack.provider_url).port)
    subprocess.run([sys.executable, "-c", SET_NIK, phone, nik], cwd=REPO_ROOT, env=child_environment(env), check=True)


def provider_rows(stack, sql, *args):
    with closing(sqlite3.connect(stack.state_dir / "provider.db")) as provider_db:
        return provider_db.execute(sql, args).fetchall()


def test_services_allowed_the_nik_registered_encryption_and_publish_their_key(stack):
    rows = provider_rows(
        stack,
        "SELECT sector, jwks, id_token_encrypted_response_alg, userinfo_encrypted_response_alg FROM client "
        "WHERE scope LIKE '%nik%' ORDER BY sector",
    )
    assert [row[0] for row in rows] == ["pajak.jakarta.go.id", "vaksinasi.jakarta.go.id"]
    for sector, jwks, id_token_alg, userinfo_alg in rows:
        service = "tax" if sector.startswith("pajak") else "vaccination"
        assert id_token_alg == userinfo_alg and id_token_alg in ("RSA-OAEP-256", "ECDH-ES+A256KW")
        registered = {key["kid"] for key in json.loads(jwks)["keys"] if key.get("use") == "enc"}
        published = requests.get(f"{stack.service_urls[service]}/jwks.json", timeout=5).json()["keys"]
        assert {key["kid"] for key in published} == registered
        assert all("d" not in key for key in published)  # the public half only


def sign_in_at_permits_then_vaccination(page, stack):
    """She signs in at permits for the first time, the registry records her NIK, and she
    signs in at vaccination, allowing it the NIK; the page is vaccination's after that."""
    page.goto(stack.service_urls["permits"])
    press_sign_in(page)
    sign_in_with_phone(page, stack, PHONE, PHONE_E164)
    complete_profile(page, "Siti Rahma", "1990-05-17")
    page.get_by_role("button", name="Allow").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    registered_nik(stack, PHONE_E164, NIK)

    open_neighbour(page, "Vaksinasi")
    press_sign_in(page)
    page.get_by_role("button", name="Allow").click()  # the NIK's box is ticked


def test_vaccination_shows_the_nik_it_decrypted(page, stack):
    sign_in_at_permits_then_vaccination(page, stack)
    assert received_claims(page)["nik"] == NIK
    [(disclosed,)] = provider_rows(
        stack,
        "SELECT count(*) FROM disclosure JOIN client ON client.client_id = disclosure.client_id "
        "WHERE client.sector = 'vaksinasi.jakarta.go.id' AND disclosure.claims LIKE '%nik%'",
    )
    assert disclosed >= 1


def test_signing_out_at_permits_ends_vaccination_through_an_encrypted_logout_token(page, stack):
    page.goto(stack.service_urls["vaccination"])
    if not page.get_by_role("button", name="Keluar").count():
        # Run without the test above (which leaves the browser signed in at both).
        sign_in_at_permits_then_vaccination(page, stack)
    page.goto(stack.service_urls["permits"])
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_text("sesi JAKI ID Anda telah diakhiri")).to_be_visible()
    # Vaksinasi decrypts the logout token (BCL 1.0 §2.6) or it stays signed in.
    deadline = time.monotonic() + DELIVERY_WAIT_SECONDS
    page.goto(stack.service_urls["vaccination"])
    while page.get_by_role("button", name="Keluar").count() and time.monotonic() < deadline:
        time.sleep(0.5)
        page.reload()
    expect(page.get_by_role("button", name="Keluar")).to_have_count(0)
    [(delivered,)] = provider_rows(
        stack,
        "SELECT count(*) FROM logout_delivery JOIN client ON client.client_id = logout_delivery.client_id "
        "WHERE client.sector = 'vaksinasi.jakarta.go.id' AND delivered_at IS NOT NULL",
    )
    assert delivered >= 1
