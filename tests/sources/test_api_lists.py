"""The source list in the API: filters, search, order, CSV and its query count."""

import csv
import datetime
import io

import pytest

from tests.factories import CourseFactory, OrganisationFactory, SourceFactory
from tests.sources.helpers import (
    ANNOUNCEMENT,
    FRENCH_REPORT,
    LIST,
    NOVA_REPORT,
    SEED_COURSE,
    TREND_REPORT,
)

pytestmark = pytest.mark.django_db


def test_sources_filter_by_kind_publisher_language_dates_and_origin(slugs):
    agency = OrganisationFactory(slug="agency", name_en="Press Agency")
    original = SourceFactory(slug="original", kind="announcement", language="az", publisher=None)
    SourceFactory(
        slug="early",
        publisher=agency,
        language="fr",
        reported_from=original,
        published_on=datetime.date(2025, 1, 1),
        published_precision="year",
    )
    SourceFactory(
        slug="late",
        kind="official_document",
        language="en",
        published_on=datetime.date(2026, 3, 5),
        published_precision="day",
    )

    assert slugs("kind=announcement&kind=official_document&ordering=slug") == ["late", "original"]
    assert slugs(f"publisher={agency.pk}") == ["early"]
    assert slugs("publisher_slug=agency") == ["early"]
    assert slugs("language=fr") == ["early"]
    assert slugs("published_after=2025-06-01") == ["late"]
    assert slugs("published_before=2025-12-31") == ["early"]
    assert slugs("published_after=2025-01-01&published_before=2026-03-05") == ["late", "early"]
    assert slugs(f"reported_from={original.pk}") == ["early"]
    assert slugs("search=press agency") == ["early"]


def test_sources_search_title_excerpt_and_slug(slugs):
    SourceFactory(slug="a-notice", title="Course held in Baku")
    SourceFactory(slug="b-notice", excerpt="…trained in logistics planning…")

    assert slugs("search=baku") == ["a-notice"]
    assert slugs("search=LOGISTICS") == ["b-notice"]
    assert slugs("search=notice&ordering=slug") == ["a-notice", "b-notice"]


def test_sources_order_by_publication_slug_and_creation(slugs):
    SourceFactory(slug="b", published_on=datetime.date(2024, 1, 1), published_precision="year")
    SourceFactory(slug="c")
    SourceFactory(slug="a", published_on=datetime.date(2026, 5, 1), published_precision="month")

    assert slugs("") == ["a", "b", "c"]  # the newest first, the undated last
    # where undated sources fall in an explicit ordering is the database's choice
    assert [slug for slug in slugs("ordering=published_on") if slug != "c"] == ["b", "a"]
    assert slugs("ordering=-slug") == ["c", "b", "a"]
    assert slugs("ordering=created_at") == ["b", "c", "a"]


@pytest.mark.parametrize(
    "query",
    [
        "kind=rumour",
        "language=xx",
        f"publisher={10**30}",
        "publisher=abc",
        f"programme={10**30}",
        "programme=abc",
        f"course={10**30}",
        f"reported_from={10**30}",
        "published_after=2026-13-01",
        "published_before=soon",
        "search=a%00b",
        "page_size=0",
    ],
)
def test_bad_query_values_are_a_clear_400(api_client, seed, query):
    response = api_client.get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_sources_export_as_csv(api_client, seed):
    response = api_client.get(f"{LIST}?format=csv&ordering=slug")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["slug"] for row in rows] == [ANNOUNCEMENT, FRENCH_REPORT, NOVA_REPORT, TREND_REPORT]
    assert list(rows[0])[:4] == ["id", "slug", "kind", "publisher.id"]
    assert rows[1]["language"] == "fr"
    assert (rows[1]["reported_from.slug"], rows[2]["publisher.slug"]) == (
        NOVA_REPORT,
        "agenzia-nova",
    )
    assert rows[3]["courses.slug"] == SEED_COURSE


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_list_runs_a_constant_number_of_queries(
    api_client, django_assert_num_queries, page_size
):
    course = CourseFactory()
    original = SourceFactory(slug="z-original")  # last: every row on the page reports it
    for source in SourceFactory.create_batch(110, reported_from=original):
        source.programmes.add(course.programme)
        source.courses.add(course)

    # the count, the page with publishers and what each reports, its programmes, its courses
    with django_assert_num_queries(4):
        response = api_client.get(f"{LIST}?page_size={page_size}")

    row = response.json()["results"][0]
    assert len(response.json()["results"]) == page_size
    assert (len(row["programmes"]), len(row["courses"])) == (1, 1)
    assert row["reported_from"]["publisher"]["id"] == original.publisher_id
