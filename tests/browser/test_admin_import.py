"""A registrar imports a course's participants in Chromium: upload → preview → confirm."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import Browser

from apps.accounts.roles import REGISTRAR
from apps.enrolments.models import Enrolment
from tests.browser.conftest import PASSWORD, VIEWPORT
from tests.browser.test_admin_layout import assert_fits_the_width
from tests.factories import CourseFactory, UserFactory
from tests.imports.conftest import DATA

# Served by the live server's thread: the records must be committed (see test_admin_layout).
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_registrar_previews_then_confirms_an_import(browser: Browser, live_server):
    course = CourseFactory(title_en="Logistics Planning in NATO")
    registrar = UserFactory(username="registrar", is_staff=True)
    registrar.groups.add(Group.objects.get(name=REGISTRAR))
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", registrar.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    course_url = reverse("admin:courses_course_change", args=[course.pk])
    page.goto(course_url)

    page.click(".object-tools a:text('Import participants')")
    page.set_input_files("input[type=file]", str(DATA / "nomination_baku.csv"))
    page.click("input[type=submit][value='Preview the import']")

    assert page.locator("#import-rows tbody tr").count() == 30
    assert page.locator("#row-6").inner_text().startswith("6\tГасанов Эльчин\tNew person")
    assert Enrolment.objects.count() == 0
    assert_fits_the_width(page)
    page.click("input[type=submit][value='Confirm the import']")

    page.wait_for_url(f"**{course_url}")
    assert "30 new enrolments" in page.locator(".messagelist .success").inner_text()
    assert Enrolment.objects.filter(course=course).count() == 30
    context.close()
