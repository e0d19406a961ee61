"""Writing sources in the API: linking them to records, and what is refused."""

import pytest

from apps.sources.models import Source
from tests.factories import CourseFactory, OrganisationFactory, ProgrammeFactory, SourceFactory
from tests.sources.helpers import (
    ANNOUNCEMENT,
    FRENCH_REPORT,
    LIST,
    SEED_COURSE,
    TREND_REPORT,
    detail,
)

pytestmark = pytest.mark.django_db


def test_a_registrar_links_a_source_to_programmes_and_courses(api_client_for):
    programme = ProgrammeFactory()
    courses = CourseFactory.create_batch(2, programme=programme)
    original = SourceFactory()
    client = api_client_for("registrar")

    response = client.post(
        LIST,
        {
            "slug": "relay",
            "kind": "news_report",
            "publisher": OrganisationFactory(slug="agency").pk,
            "reported_from": original.pk,
            "programmes": [programme.pk],
            "courses": [course.pk for course in courses],
        },
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["publisher"]["slug"] == "agency"
    assert [row["slug"] for row in body["reporting_chain"]] == [original.slug]
    assert [row["id"] for row in body["programmes"]] == [programme.pk]
    assert {row["id"] for row in body["courses"]} == {course.pk for course in courses}
    relay = Source.objects.get(slug="relay")
    assert relay.reported_from == original
    assert set(relay.courses.all()) == set(courses)

    response = client.patch(detail(relay), {"courses": [], "programmes": [programme.pk]})

    assert response.status_code == 200, response.json()
    assert response.json()["courses"] == []
    assert not relay.courses.exists()
    assert list(relay.programmes.all()) == [programme]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"published_on": "2026-03-05"}, "published_precision"),
        ({"published_precision": "year"}, "published_on"),
        ({"published_on": "2026-13-01", "published_precision": "day"}, "published_on"),
        ({"published_precision": "week"}, "published_precision"),
        ({"kind": "rumour"}, "kind"),
        ({"language": "xx"}, "language"),
        ({"url": "not a url"}, "url"),
        ({"publisher": "trend"}, "publisher"),
        ({"reported_from": 10**30}, "reported_from"),
        ({"programmes": [10**30]}, "programmes"),
        ({"programmes": "ipcp"}, "programmes"),
        ({"courses": ["abc"]}, "courses"),
        ({"courses": [True]}, "courses"),
        ({"slug": FRENCH_REPORT}, "slug"),
        ({"slug": None}, "slug"),
    ],
)
def test_invalid_sources_are_refused_field_by_field(api_client_for, seed, payload, field):
    before = Source.objects.count()

    response = api_client_for("registrar").post(
        LIST, {"slug": "new", "kind": "news_report", **payload}
    )

    assert response.status_code == 400
    assert field in response.json()
    assert Source.objects.count() == before


@pytest.mark.parametrize("reported_from", [ANNOUNCEMENT, FRENCH_REPORT])
def test_a_source_cannot_report_itself_or_what_reports_it(api_client_for, seed, reported_from):
    announcement = Source.objects.get(slug=ANNOUNCEMENT)
    target = Source.objects.get(slug=reported_from)

    response = api_client_for("registrar").patch(detail(announcement), {"reported_from": target.pk})

    assert response.status_code == 400
    assert list(response.json()) == ["reported_from"]
    announcement.refresh_from_db()
    assert announcement.reported_from is None


def test_deleting_a_source_another_reports_from_is_a_conflict(api_client_for, seed):
    trend = Source.objects.get(slug=TREND_REPORT)

    response = api_client_for("superuser").delete(detail(trend))

    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert Source.objects.filter(pk=trend.pk).exists()


def test_deleting_a_source_that_records_rest_on_is_a_conflict(api_client_for, seed):
    report = Source.objects.get(
        slug=FRENCH_REPORT
    )  # the last of its chain, but it supports records

    response = api_client_for("superuser").delete(detail(report))

    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert report.courses.get().slug == SEED_COURSE


def test_creating_a_source_answers_no_location_pointing_at_its_article(api_client_for):
    response = api_client_for("registrar").post(
        LIST,
        {
            "slug": "article",
            "kind": "news_report",
            "publisher": OrganisationFactory().pk,
            "url": "https://news.example.org/baku-course",
        },
    )

    assert response.status_code == 201, response.json()
    assert "Location" not in response
    assert Source.objects.get(slug="article").url == "https://news.example.org/baku-course"
