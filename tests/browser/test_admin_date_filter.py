"""A registrar narrows the enrolments to a year, then a month, in the changelist's sidebar."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db(transaction=True)  # served by the live server's thread


def test_a_registrar_narrows_enrolments_to_a_year_then_a_month(admin_page: Page):
    EnrolmentFactory(nominated_on=datetime.date(2025, 3, 10))
    for day in (4, 20):
        EnrolmentFactory(nominated_on=datetime.date(2026, 5, day))
    EnrolmentFactory(nominated_on=datetime.date(2026, 9, 1))

    admin_page.goto(reverse("admin:enrolments_enrolment_changelist"))
    sidebar = admin_page.locator('#changelist-filter details[data-filter-title="nomination date"]')
    sidebar.get_by_role("link", name="2026", exact=True).click()

    admin_page.wait_for_url("**/?nominated_on__year=2026")
    expect(admin_page.locator("#result_list tbody tr")).to_have_count(3)
    months = sidebar.locator("ul.filter-periods a")
    assert months.all_inner_texts() == ["May 2026", "September 2026"]

    sidebar.get_by_role("link", name="May 2026").click()

    admin_page.wait_for_url("**/?nominated_on__month=5&nominated_on__year=2026")
    expect(admin_page.locator("#result_list tbody tr")).to_have_count(2)
    selected = sidebar.locator("li.selected > a")
    assert selected.all_inner_texts() == ["May 2026"]
    year_link = sidebar.get_by_role("link", name="2026", exact=True).bounding_box()
    month_link = sidebar.get_by_role("link", name="May 2026").bounding_box()
    assert month_link["x"] > year_link["x"], "the months sit indented under their year"
    assert month_link["y"] > year_link["y"], "the months sit under their year"
