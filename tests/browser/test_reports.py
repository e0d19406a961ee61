"""The reports page in Chromium: its charts drawn within the Content-Security-Policy."""

import pytest
from playwright.sync_api import ConsoleMessage, Page

from tests.factories import CertificateFactory

# The live server's thread serves the pages, so the records must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_reports_page_draws_its_charts_without_breaking_the_policy(admin_page: Page):
    certificate = CertificateFactory()
    violations: list[str] = []

    def note_violation(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    admin_page.on("console", note_violation)

    response = admin_page.goto("/admin/reports/")

    assert response is not None and response.ok
    assert "style-src 'self'" in response.headers["content-security-policy"]
    bars = admin_page.locator(".report-chart-svg rect")
    assert bars.count() == 2  # one bar in each chart: one person trained, one certificate
    box = bars.first.bounding_box()
    assert box is not None and box["height"] > 100  # the only bar reaches the top of its chart
    assert admin_page.locator("#header a.reports-link").is_visible()
    assert (
        certificate.issued_by.name_en
        in admin_page.locator(".report-chart-table").last.text_content()
    )
    admin_page.screenshot(path="/tmp/reports_admin_page.png", full_page=True)
    assert violations == []
