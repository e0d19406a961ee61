"""Links to records from the admin's lists: the same address as reverse() gives."""

import pytest
from django.urls import reverse, set_script_prefix

from apps.core.admin import admin_change_url, reverse_with_id
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_change_page_link_is_the_address_reverse_gives():
    person = PersonFactory()

    assert admin_change_url(person) == reverse("admin:people_person_change", args=[person.pk])


@pytest.mark.parametrize("pk", [7, 1234567890123, "a/b_c"])
def test_an_address_with_an_id_is_the_one_reverse_gives(pk):
    expected = reverse("admin:people_person_change", args=[pk])

    assert reverse_with_id("admin:people_person_change", pk) == expected


def test_an_address_follows_the_sites_script_prefix():
    set_script_prefix("/register/")
    try:
        url = reverse_with_id("certificates-api:certificate-pdf", 12)
    finally:
        set_script_prefix("/")

    assert url == "/register/api/v1/certificates/12/pdf/"
    assert reverse_with_id("certificates-api:certificate-pdf", 12) == "/api/v1/certificates/12/pdf/"
