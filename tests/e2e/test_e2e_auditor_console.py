"""Issue 10 in a browser at phone size (390×844, Chromium): an auditor signs in with password
and TOTP, opens the audit log, filters it by event type and by a citizen's pseudonym, and
checks the chain; a citizen sees their own sign-in on the activity page."""

import re
import subprocess
import sys
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import expect

from demo.processes import REPO_ROOT, child_environment
from demo.stack import provider_environment
from tests.e2e.citizen_steps import complete_profile, sign_in_with_phone
from tests.e2e.conftest import PAGE_TIMEOUT_MS

pytestmark = pytest.mark.e2e

PHONE_VIEWPORT = {"width": 390, "height": 844}
SHOTS = Path("/tmp/shots-audit")
PASSWORD = "kopi-tubruk-monas-1527"


@pytest.fixture(scope="module")
def auditor_totp(stack):
    """`flask staff create --role auditor` on the running provider's database; the TOTP secret."""
    env = child_environment(provider_environment(stack.state_dir, stack.provider_url))
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "staff", "create", "--username", "audra"]
        + ["--role", "auditor", "--password-stdin"],
        cwd=REPO_ROOT,
        env=env,
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return re.search(r"secret \(to type in\): ([A-Z2-7 ]+)", result.stdout).group(1).replace(" ", "")


@pytest.fixture
def phone(chromium, stack):
    context = chromium.new_context(locale="en-US", viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_citizen_sees_their_sign_in_on_the_activity_page(phone, stack):
    phone.goto(f"{stack.provider_url}/account/activity?ui_locales=en")
    sign_in_with_phone(phone, stack, "081234500201", "+6281234500201")
    complete_profile(phone, "Rina Kusuma", "1988-03-09")
    expect(phone.get_by_role("heading", name="Activity")).to_be_visible()
    expect(phone.get_by_text("Signed in", exact=True)).to_be_visible()
    shot(phone, "citizen-activity")


def test_an_auditor_signs_in_and_filters_the_log(phone, stack, auditor_totp):
    phone.goto(f"{stack.provider_url}/staff/signin?ui_locales=en")
    phone.get_by_label("Username").fill("audra")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.get_by_label("Authentication code").fill(pyotp.TOTP(auditor_totp).now())
    phone.get_by_role("button", name="Verify").click()
    phone.get_by_role("link", name="Open the audit log").click()
    expect(phone.get_by_role("heading", name="Audit log")).to_be_visible()
    shot(phone, "auditor-events")

    phone.get_by_label("Event type").select_option(label="Signed in")
    phone.get_by_role("button", name="Filter").click()
    cards = phone.locator("ul.events > li")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("signin.succeeded")
    expect(phone.get_by_text("+62812")).to_have_count(0)  # pseudonyms only
    shot(phone, "auditor-filtered")

    pseudonym = cards.first.locator("code").first.inner_text()
    cards.first.get_by_role("link", name=pseudonym).click()
    expect(phone.get_by_label("Pseudonymous citizen id")).to_have_value(pseudonym)
    expect(phone.locator("ul.events > li")).not_to_have_count(0)

    phone.get_by_role("link", name="Chain status").click()
    expect(phone.get_by_text(re.compile(r"The chain is intact: verified through event \d+\."))).to_be_visible()
    shot(phone, "auditor-chain")
