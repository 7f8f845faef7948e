"""End-to-end fixtures: the whole stack on free ports, and Debian's Chromium via Playwright."""

from pathlib import Path

import pytest

from demo.stack import start_stack

CHROMIUM = Path("/usr/bin/chromium")
# This machine has no internet: without these Chromium stalls on start-up.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PAGE_TIMEOUT_MS = 15_000


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: end-to-end in headless Chromium against the running provider and services")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    if not report.failed:
        return
    # The tests of a module are one journey: later steps cannot work after a broken one.
    if not hasattr(item.module, "journey_broke_at"):
        item.module.journey_broke_at = item.name
    stack = item.funcargs.get("stack")
    for process in stack.processes if stack else []:
        report.sections.append((f"{process.name} log", process.log_tail()))


@pytest.fixture(autouse=True)
def ctx(request):
    """No provider app context here (all is over HTTP); no step after a broken one."""
    broke_at = getattr(request.module, "journey_broke_at", None)
    if broke_at:
        pytest.skip(f"the journey broke at {broke_at}")
    yield


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def stack(chromium, tmp_path_factory):
    # The provider's pages in English, so the tests can find "Phone number" and "Allow".
    with start_stack(tmp_path_factory.mktemp("demo"), ui_locales="en") as running:
        yield running


@pytest.fixture(scope="module")
def page(chromium, stack):
    """One browser for the module: the JAKI ID session carries across its tests."""
    context = chromium.new_context(locale="en-US")
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    yield context.new_page()
    context.close()
