"""A registrar opens the admin in Chromium: the dashboard, then its issue button."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Browser

from apps.accounts.roles import REGISTRAR
from apps.certificates.models import Certificate
from tests.browser.conftest import PASSWORD, VIEWPORT
from tests.browser.test_admin_layout import OVERFLOWING
from tests.dashboard.conftest import held_course_ended_last_month
from tests.factories import EnrolmentFactory, OrganisationFactory, UserFactory

# Served by the live server's thread: the records must be committed (see test_admin_layout).
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_registrar_issues_certificates_from_the_dashboard(browser: Browser, live_server):
    issuer = OrganisationFactory(serial_prefix="MTT")
    course = held_course_ended_last_month(delivered_by=issuer, title_en="Logistics Planning")
    EnrolmentFactory.create_batch(3, course=course, completed=True)
    registrar = UserFactory(username="registrar", is_staff=True)
    registrar.groups.add(Group.objects.get(name=REGISTRAR))
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", registrar.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")

    awaiting = page.locator("#dashboard-awaiting")
    assert "1 held course awaiting certificates" in awaiting.text_content()
    assert "3 completed enrolments" in awaiting.text_content()
    # Nothing of the dashboard cut off (Django's own index has visually hidden headers).
    assert page.evaluate(OVERFLOWING.replace("#content *", "#dashboard *")) == []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= VIEWPORT["width"]
    awaiting.locator("button:text('Issue certificates')").click()

    assert "Issue certificates" in page.locator("h1").inner_text()
    assert Certificate.objects.count() == 0
    page.click("input[type=submit][value='Issue 3 certificates']")

    assert "3 certificates issued" in page.locator(".messagelist .success").inner_text()
    assert Certificate.objects.filter(enrolment__course=course).count() == 3
    context.close()
