"""Merging in the admin, and with the merge_people command."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.accounts.roles import VIEWER
from apps.enrolments.models import Enrolment
from apps.people.services import person_merge
from tests.factories import CourseFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_the_admin_action_needs_exactly_two_people(client, registrar, kept):
    client.force_login(registrar)

    response = client.post(
        reverse("admin:people_person_changelist"),
        {"action": "merge_selected", "_selected_action": [kept.pk]},
        follow=True,
    )

    assert "Select exactly two people to merge." in response.content.decode()


def test_the_admin_shows_both_people_side_by_side_then_merges(client, registrar, kept, duplicate):
    EnrolmentFactory(person=duplicate, course=CourseFactory(title_en="Logistics Planning in NATO"))
    client.force_login(registrar)

    response = client.post(
        reverse("admin:people_person_changelist"),
        {"action": "merge_selected", "_selected_action": [kept.pk, duplicate.pk]},
        follow=True,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Merge two people" in page
    assert str(kept.uid) in page and str(duplicate.uid) in page
    assert "Logistics Planning in NATO" in page

    response = client.post(
        reverse("admin:people_person_merge"),
        {"people": f"{kept.pk},{duplicate.pk}", "keep": kept.pk},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:people_person_change", args=[kept.pk])
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert Enrolment.objects.get().person == kept


def test_the_admin_says_why_a_merge_is_refused(client, registrar, kept, duplicate):
    course = CourseFactory(title_en="Logistics Planning in NATO")
    EnrolmentFactory(person=kept, course=course)
    EnrolmentFactory(person=duplicate, course=course)
    client.force_login(registrar)

    response = client.post(
        reverse("admin:people_person_merge"),
        {"people": f"{kept.pk},{duplicate.pk}", "keep": duplicate.pk},
    )

    assert response.status_code == 200
    assert "Both people are enrolled in the same course" in response.content.decode()
    kept.refresh_from_db()
    assert kept.merged_into is None


def test_the_admin_merge_page_is_refused_without_the_merge_permission(client, kept, duplicate):
    user = Group.objects.get(name=VIEWER).user_set.create(username="staff-viewer", is_staff=True)
    client.force_login(user)

    response = client.get(
        reverse("admin:people_person_merge"), {"people": f"{kept.pk},{duplicate.pk}"}
    )

    assert response.status_code == 403


def test_the_admin_autocomplete_offers_no_merged_person(client, registrar, kept, duplicate):
    person_merge(person=duplicate, into=kept, user=registrar)
    client.force_login(registrar)

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Aliyev",
            "app_label": "enrolments",
            "model_name": "enrolment",
            "field_name": "person",
        },
    )

    assert [result["id"] for result in response.json()["results"]] == [str(kept.pk)]


def test_the_command_merges_by_id_or_uid(kept, duplicate):
    enrolment = EnrolmentFactory(person=duplicate)
    out = io.StringIO()

    call_command("merge_people", str(duplicate.uid), str(kept.pk), stdout=out)

    assert f"merged into {kept} (UID {kept.uid})" in out.getvalue()
    enrolment.refresh_from_db()
    assert enrolment.person == kept
    assert duplicate.history.latest("history_id").history_user is None


def test_the_command_exits_non_zero_with_the_reason(kept):
    err = io.StringIO()

    with pytest.raises(CommandError, match="was not merged; nothing was changed"):
        call_command("merge_people", str(kept.pk), str(kept.pk), stderr=err)

    assert "Refused: A person cannot be merged into themselves." in err.getvalue()


@pytest.mark.parametrize("value", ["999999", "not-a-uid", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"])
def test_the_command_names_what_it_cannot_find(kept, value):
    with pytest.raises(CommandError, match=r"(No person has|Not an id or a UID)"):
        call_command("merge_people", value, str(kept.pk))
