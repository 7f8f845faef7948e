"""Phone-size (390x844) screenshots of the citizen pages in both languages, for docs/screens/.

    .venv/bin/python docs/screens/shoot.py docs/screens

starts the demo (provider and services on free ports, a fresh database), walks one new
citizen through a sign-in at the tax service per language, then through the permits,
vaccination and complaints services, and saves NN-page-LANG.png.
"""

import sys
import tempfile
import time
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from demo.stack import start_stack  # noqa: E402  (the repository root, added above)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PHONE_SIZE = {"width": 390, "height": 844}
ACCOUNT_PAGES = (
    ("/account/", "08-account"),
    ("/account/profile", "08b-account-details"),
    ("/account/address", "08c-account-address"),
    ("/account/sessions", "09-account-devices"),
    ("/account/2fa/setup", "10-account-authenticator"),
    ("/account/services", "11-account-services"),
    ("/help", "12-help"),
    ("/privacy", "13-privacy"),
)


def code_for(stack, e164):
    for _ in range(50):
        for message in requests.get(f"{stack.provider_url}/_dev/outbox", timeout=5).json():
            if message["to"] == e164 and message["code"]:
                return message["code"]
        time.sleep(0.1)
    raise SystemExit(f"no code for {e164} in the outbox")


def walk(page, stack, lang, number, shot):
    page.goto(stack.service_urls["tax"] + f"/?lang={lang}")
    shot("01-service-signed-out")
    page.locator("a.button.jaki").first.click()
    page.goto(page.url + f"&lang={lang}")
    shot("02-signin-phone")
    page.locator("#phone").fill(number)
    page.locator("form button[type=submit]").first.click()
    shot("03-signin-code")
    page.locator("#code").fill(code_for(stack, "+62" + number[1:]))
    page.locator("form button[type=submit]").first.click()
    shot("04-signin-profile")
    page.locator("#name").fill("Siti Rahma")
    page.locator("#birthdate").fill("1990-08-17")
    page.locator("form button[type=submit]").first.click()
    shot("05-signin-consent")
    page.locator("button[value=allow]").click()
    shot("06-service-signed-in")
    page.go_back()
    shot("07-back-after-sign-in")
    add_details(page, stack)
    for path, name in ACCOUNT_PAGES:
        page.goto(stack.provider_url + path)
        for history in page.locator("details.history summary").all():
            history.click()  # the consent history, open as the citizen would open it
        shot(name)


def add_details(page, stack):
    """Gender, NIK and address, as a citizen adds them in the account (no screenshot)."""
    page.goto(stack.provider_url + "/account/profile")
    page.locator("input[name=gender][value=female]").check()
    page.locator("#nik").fill("3171035708900001")  # born 17 August 1990, a woman: 17 + 40
    page.locator("form:not(.sign-out) button[type=submit]").first.click()
    page.goto(stack.provider_url + "/account/address")
    address = {"street": "Jl. Kebon Sirih No. 5", "rt": "3", "rw": "7", "kelurahan": "Gondangdia"}
    address |= {"kecamatan": "Menteng", "city": "Jakarta Pusat", "postal_code": "10350"}
    for field, value in address.items():
        page.locator(f"#{field}").fill(value)
    page.locator("form:not(.sign-out) button[type=submit]").first.click()


def sign_in_at(page, url, lang):
    """At a further service: its sign-in, then (already signed in at JAKI ID) only the consent."""
    page.goto(url + f"/?lang={lang}")
    page.locator("a.button.jaki").first.click()
    page.wait_for_load_state("networkidle")
    if page.locator("button[value=allow]").count():  # a service that asks for no data asks no consent
        page.locator("button[value=allow]").click()
    page.wait_for_url(url + "/**")


def walk_services(page, stack, lang, shot):
    permits = stack.service_urls["permits"]
    sign_in_at(page, permits, lang)
    shot("14-permits-home")
    page.goto(permits + "/applications/new?type=IUMK")
    page.locator("#business_name").fill("Warung Kopi Cikini")
    page.locator("#business_address").fill("Jl. Cikini Raya No. 12, Menteng")
    page.locator("#business_activity").fill("Kedai kopi")
    shot("15-permits-form")
    page.locator("form.stacked button[type=submit]").click()
    shot("16-permits-application")
    vaccination = stack.service_urls["vaccination"]
    sign_in_at(page, vaccination, lang)
    shot("17-vaccination-home")
    page.goto(vaccination + "/sites/1")
    shot("18-vaccination-site")
    complaints = stack.service_urls["complaints"]
    sign_in_at(page, complaints, lang)
    page.locator("#category").select_option(index=1)
    page.locator("#location").fill("Jl. Pemuda, Rawamangun")
    page.locator("#description").fill("Genangan setiap hujan deras.")
    page.locator("form.stacked button[type=submit]").click()
    shot("19-complaints-home")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with start_stack(Path(tempfile.mkdtemp(prefix="jaki-screens-"))) as stack, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for n, lang in enumerate(("id", "en")):
            context = browser.new_context(viewport=PHONE_SIZE, is_mobile=True, has_touch=True, device_scale_factor=1)
            page = context.new_page()

            def shot(name, page=page, lang=lang):
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / f"{name}-{lang}.png"), full_page=True)

            walk(page, stack, lang, f"08123450{910 + n}", shot)
            walk_services(page, stack, lang, shot)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screens"))
