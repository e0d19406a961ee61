"""The Content-Security-Policy in Chromium: the pages it guards work and break none of its rules."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, ConsoleMessage, Page

from tests.browser.conftest import PASSWORD, VIEWPORT
from tests.factories import CertificateFactory, UserFactory

# The live server's thread serves the pages, so the records must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


def visit(page: Page, path: str) -> None:
    """Open ``path`` and check that the policy came with it (or nothing would be tested)."""
    response = page.goto(path)
    assert response is not None and response.ok, path
    assert "script-src 'self'" in response.headers["content-security-policy"], path


def test_admin_verification_pages_and_api_docs_run_without_breaking_the_policy(
    browser: Browser, live_server
):
    certificate = CertificateFactory()
    user = UserFactory(username="registrar-in-chief", is_staff=True, is_superuser=True)
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    violations: list[str] = []

    def note_violation(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", note_violation)

    visit(page, "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    visit(page, reverse("admin:courses_course_change", args=[certificate.enrolment.course.pk]))
    # The inlines' "Add another" links are written by the admin's scripts: they ran.
    page.wait_for_selector(".add-row a")
    visit(page, reverse("certificates:lookup"))
    visit(page, reverse("certificates:verify", args=[certificate.verification_code]))
    page.wait_for_selector(".state-valid")
    visit(page, reverse("api-docs"))
    # Swagger UI lists the operations only once its scripts have loaded the schema.
    page.wait_for_selector(".opblock-tag")
    context.close()

    assert violations == []
