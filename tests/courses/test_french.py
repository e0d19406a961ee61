"""Courses in French: the admin's labels and choices, the API's refusals."""

import datetime

import pytest
from django.urls import reverse

from apps.courses.models import Course, CoursePart
from tests.factories import CourseFactory, CoursePartFactory

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def test_a_course_s_page_in_french_shows_french_labels_and_choices(client, registrar):
    course = CourseFactory()
    CoursePartFactory(course=course)
    client.force_login(registrar)

    page = client.get(
        reverse("admin:courses_course_change", args=[course.pk]), **FRENCH
    ).content.decode()

    assert "Lieu et dates" in page and "Réalisation" in page
    assert "Précision du début" in page and "Dispensée par" in page
    assert "prévue" in page and "tenue" in page and "annulée" in page
    assert "cours théorique" in page and "exercice pratique" in page
    assert "Parties de la formation" in page
    assert "Place and dates" not in page and "Start precision" not in page


def test_the_course_list_in_french_shows_french_columns_and_filters(client, registrar):
    CourseFactory()
    client.force_login(registrar)

    page = client.get(reverse("admin:courses_course_changelist"), **FRENCH).content.decode()

    assert "Formations" in page and "Dispensée par" in page and "Début" in page
    assert "Par attestations délivrées" in page
    assert "Delivered by" not in page


def test_a_course_ending_before_it_starts_is_refused_in_french(api_client_for):
    course = CourseFactory()

    response = api_client_for("registrar").patch(
        f"/api/v1/courses/{course.pk}/", {"end_date": "2026-01-01"}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert response.status_code == 400
    assert response.json()["end_date"] == [
        "La formation ne peut pas se terminer avant de commencer."
    ]
    course.refresh_from_db()
    assert course.end_date == datetime.date(2026, 3, 6)


def test_a_second_part_at_one_position_is_refused_in_french(api_client_for):
    part = CoursePartFactory(position=1)

    response = api_client_for("registrar").post(
        "/api/v1/course-parts/",
        {"course": part.course.pk, "position": 1, "kind": "theory", "title_en": "Doctrine"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 400
    assert "La formation a déjà une partie à cette position." in str(response.json())
    assert CoursePart.objects.count() == 1


def test_a_personal_filter_refused_in_french_names_what_it_needs_in_french(api_client):
    CourseFactory()

    response = api_client.get("/api/v1/courses/", {"person": 1}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 401
    assert "les inscriptions et les personnes" in response.json()["detail"]
    assert Course.objects.count() == 1
