"""The API's merge action."""

import pytest

from apps.people.models import Person
from tests.factories import CourseFactory, EnrolmentFactory
from tests.people.helpers import PEOPLE

pytestmark = pytest.mark.django_db


def merge_url(person: Person) -> str:
    return f"{PEOPLE}{person.pk}/merge/"


def test_the_api_merges_and_answers_the_kept_person(api_client_for, kept, duplicate):
    enrolment = EnrolmentFactory(person=duplicate)

    response = api_client_for("registrar").post(
        merge_url(duplicate), {"into": kept.pk}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["id"] == kept.pk
    assert response.json()["full_name"] == "Əliyev Rəşad"
    enrolment.refresh_from_db()
    assert enrolment.person == kept
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept


def test_the_api_refuses_a_merge_with_its_reason(api_client_for, kept, duplicate):
    course = CourseFactory(title_en="Logistics Planning in NATO")
    EnrolmentFactory(person=kept, course=course)
    EnrolmentFactory(person=duplicate, course=course)

    response = api_client_for("registrar").post(
        merge_url(duplicate), {"into": kept.pk}, format="json"
    )

    assert response.status_code == 400
    (message,) = response.json()["non_field_errors"]
    assert message.startswith("Both people are enrolled in the same course (Logistics Planning")
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "into"), ({"into": 999999}, "into"), ({"into": "x"}, "into")],
)
def test_the_api_refuses_a_merge_into_nobody(api_client_for, duplicate, body, field):
    response = api_client_for("registrar").post(merge_url(duplicate), body, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_the_api_refuses_a_merge_into_oneself(api_client_for, kept):
    response = api_client_for("registrar").post(merge_url(kept), {"into": kept.pk}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["A person cannot be merged into themselves."]}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("stranger", 403),
        ("viewer", 403),
        ("registrar", 200),
        ("superuser", 200),
    ],
)
def test_merging_needs_the_merge_permission(api_client_for, kept, duplicate, role, expected):
    response = api_client_for(role).post(merge_url(duplicate), {"into": kept.pk}, format="json")

    assert response.status_code == expected
    duplicate.refresh_from_db()
    assert (duplicate.merged_into == kept) == (expected == 200)
