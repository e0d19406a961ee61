"""Admin pages in a real browser: Debian's Chromium, driven by Playwright, at 1280 × 800."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.factories import UserFactory

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; `make test` installs it as root
VIEWPORT = {"width": 1280, "height": 800}
PASSWORD = "a-long-test-password"


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the browser tests, closed when they are done.

    Not kept for the whole session: the tests after these (pytest-django runs those without a
    database last) must find neither Playwright's event loop running nor the variable below,
    which Django's deployment checks refuse.
    """
    if not CHROMIUM.exists():
        reason = f"the browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
        pytest.skip(reason)
    # Playwright's sync API keeps an event loop running in this thread; Django would take
    # every ORM call of the test (factories, fixtures) for one made from async code.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
            yield browser
            browser.close()


@pytest.fixture
def admin_page(browser: Browser, live_server, db) -> Iterator[Page]:
    """A page logged in as a superuser through the admin's own login form."""
    user = UserFactory(username="registrar-in-chief", is_staff=True, is_superuser=True)
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    yield page
    context.close()
