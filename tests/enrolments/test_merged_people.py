"""A person merged into another takes no new enrolment: the person kept does."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.enrolments.models import MERGED_PERSON_ERROR, Enrolment
from apps.people.models import Person
from apps.people.services import person_merge
from tests.factories import CourseFactory, EnrolmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/enrolments/"
FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def merged_pair() -> tuple[Person, Person]:
    """A person merged into another, and the person kept: (merged, kept)."""
    kept = PersonFactory(family_name="Əliyev", given_names="Rəşad")
    merged = PersonFactory(family_name="Aliyev", given_names="Rashad")
    person_merge(person=merged, into=kept, user=None)
    merged.refresh_from_db()
    return merged, kept


def test_the_model_refuses_to_enrol_a_merged_person_and_names_the_person_kept():
    merged, kept = merged_pair()
    enrolment = Enrolment(course=CourseFactory(), person=merged)

    with pytest.raises(ValidationError) as refused:
        enrolment.full_clean()

    assert refused.value.message_dict["person"] == [MERGED_PERSON_ERROR.format(kept=kept)]
    assert refused.value.error_dict["person"][0].code == "merged_person"


def test_the_person_kept_can_be_enrolled():
    _merged, kept = merged_pair()
    enrolment = Enrolment(course=CourseFactory(), person=kept)

    enrolment.full_clean()

    assert enrolment.person == kept


def test_an_enrolment_moved_onto_a_merged_person_is_refused():
    merged, kept = merged_pair()
    enrolment = EnrolmentFactory(person=PersonFactory())
    enrolment.person = merged

    with pytest.raises(ValidationError) as refused:
        enrolment.full_clean()

    assert refused.value.message_dict["person"] == [MERGED_PERSON_ERROR.format(kept=kept)]


def test_an_enrolment_still_naming_a_merged_person_can_be_edited():
    merged, _kept = merged_pair()
    # As an enrolment loaded from an older file could be: the merge moves every enrolment.
    enrolment = EnrolmentFactory(person=PersonFactory())
    Enrolment.objects.filter(pk=enrolment.pk).update(person=merged)
    enrolment.refresh_from_db()
    enrolment.result = "Passed"

    enrolment.full_clean()
    enrolment.save()

    assert Enrolment.objects.get(pk=enrolment.pk).person == merged


def test_the_api_refuses_to_enrol_a_merged_person_and_writes_nothing(api_client_for):
    merged, kept = merged_pair()
    course = CourseFactory()

    response = api_client_for("registrar").post(LIST, {"course": course.pk, "person": merged.pk})

    assert response.status_code == 400
    assert response.json()["person"] == [
        f"This person was merged into {kept}: enrol {kept} instead."
    ]
    assert not Enrolment.objects.filter(course=course).exists()


def test_the_api_refuses_a_merged_person_in_french(api_client_for):
    merged, kept = merged_pair()
    course = CourseFactory()

    response = api_client_for("registrar").post(
        LIST, {"course": course.pk, "person": merged.pk}, **FRENCH
    )

    assert response.status_code == 400
    assert response.json()["person"] == [
        f"La fiche de cette personne a été fusionnée dans celle de {kept} : inscrivez plutôt "
        f"{kept}."
    ]
    assert not Enrolment.objects.filter(course=course).exists()


def test_the_admin_form_refuses_to_enrol_a_merged_person(admin_client):
    merged, kept = merged_pair()
    course = CourseFactory()

    response = admin_client.post(
        reverse("admin:enrolments_enrolment_add"),
        {
            "course": course.pk,
            "person": merged.pk,
            "status": "nominated",
            "result": "",
            "certificates-TOTAL_FORMS": "0",
            "certificates-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["person"] == [MERGED_PERSON_ERROR.format(kept=kept)]
    assert not Enrolment.objects.filter(course=course).exists()
