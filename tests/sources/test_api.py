import csv
import datetime
import io

import pytest

from apps.courses.models import Course
from apps.programmes.models import Programme
from apps.sources.models import Source, SourceKind
from tests.factories import CourseFactory, OrganisationFactory, ProgrammeFactory, SourceFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/sources/"
FRENCH_REPORT = "french-press-report-logistics-planning-2026"
NOVA_REPORT = "nova-report-logistics-planning-2026"
TREND_REPORT = "trend-report-logistics-planning-2026"
ANNOUNCEMENT = "azerbaijan-mod-announcement-logistics-planning-2026"
SEED_COURSE = "ipcp-2026-logistics-planning-in-nato-baku"


def detail(source: Source) -> str:
    return f"{LIST}{source.pk}/"


@pytest.fixture
def slugs(api_client):
    def get(query: str) -> list[str]:
        response = api_client.get(f"{LIST}?{query}")
        assert response.status_code == 200, response.json()
        return [row["slug"] for row in response.json()["results"]]

    return get


@pytest.mark.parametrize(
    ("role", "read", "create", "update", "delete"),
    [
        ("anonymous", 200, 401, 401, 401),
        ("viewer", 200, 403, 403, 403),
        ("registrar", 200, 201, 200, 403),
        ("superuser", 200, 201, 200, 204),
    ],
)
def test_sources_are_public_to_read_and_need_permissions_to_write(
    api_client_for, role, read, create, update, delete
):
    client = api_client_for(role)
    source = SourceFactory(title="Before")
    new = {"slug": f"new-{role}", "kind": SourceKind.OTHER}

    assert client.get(LIST).status_code == read
    assert client.get(detail(source)).status_code == read
    assert client.post(LIST, new).status_code == create
    assert client.patch(detail(source), {"title": "Patched"}).status_code == update
    assert client.put(detail(source), {**new, "slug": "put", "title": "Put"}).status_code == update
    assert client.delete(detail(source)).status_code == delete
    assert Source.objects.filter(slug=f"new-{role}").exists() == (create == 201)
    assert Source.objects.filter(pk=source.pk).exists() == (delete != 204)
    if delete != 204:
        assert Source.objects.get(pk=source.pk).title == ("Put" if update == 200 else "Before")


def test_the_french_report_shows_its_chain_back_to_the_ministry(api_client, seed):
    report = Source.objects.get(slug=FRENCH_REPORT)

    body = api_client.get(detail(report)).json()

    assert (body["kind"], body["language"], body["publisher"]) == ("news_report", "fr", None)
    assert body["title"].startswith("À Bakou, le ministère de la Défense")
    assert body["reported_from"]["slug"] == NOVA_REPORT
    assert [source["slug"] for source in body["reporting_chain"]] == [
        NOVA_REPORT,
        TREND_REPORT,
        ANNOUNCEMENT,
    ]
    assert [source["publisher"]["slug"] for source in body["reporting_chain"]] == [
        "agenzia-nova",
        "trend",
        "azerbaijan-mod",
    ]
    assert [programme["slug"] for programme in body["programmes"]] == ["ipcp-2026-azerbaijan-nato"]
    assert body["courses"][0]["slug"] == SEED_COURSE
    assert (body["courses"][0]["start"], body["courses"][0]["city"]) == ("2026", "Baku")


def test_an_original_source_has_an_empty_chain(api_client, seed):
    announcement = Source.objects.get(slug=ANNOUNCEMENT)

    body = api_client.get(detail(announcement)).json()

    assert (body["reported_from"], body["reporting_chain"], body["published"]) == (None, [], None)


def test_the_list_gives_the_first_step_of_the_chain_only(api_client, seed):
    [row] = api_client.get(f"{LIST}?search=Bakou").json()["results"]

    assert row["slug"] == FRENCH_REPORT
    assert row["reported_from"]["slug"] == NOVA_REPORT
    assert "reporting_chain" not in row


def test_the_seed_sources_are_reachable_by_programme_and_course(slugs, seed):
    programme = Programme.objects.get(slug="ipcp-2026-azerbaijan-nato")
    course = Course.objects.get(slug=SEED_COURSE)

    assert slugs(f"programme={programme.pk}") == [FRENCH_REPORT, NOVA_REPORT, TREND_REPORT]
    assert slugs("programme_slug=ipcp-2026-azerbaijan-nato&ordering=-slug") == [
        TREND_REPORT,
        NOVA_REPORT,
        FRENCH_REPORT,
    ]
    assert len(slugs(f"course={course.pk}")) == 4
    assert slugs(f"course_slug={SEED_COURSE}&kind=announcement") == [ANNOUNCEMENT]


SEED_IN = {
    "en": ("Logistics Planning in NATO", "Individual Partnership", "Ministry of Defence"),
    "fr": ("Planification logistique au sein de l'OTAN", "Programme de coopération", "Ministère"),
}


@pytest.mark.parametrize(
    ("headers", "query", "language"),
    [
        ({}, "?lang=fr", "fr"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr"}, "", "fr"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr"}, "?lang=en", "en"),
        ({}, "", "en"),
    ],
)
def test_a_source_shows_its_records_in_the_language_asked_for(
    api_client, seed, headers, query, language
):
    report = Source.objects.get(slug=FRENCH_REPORT)
    course_title, programme_title, ministry_name = SEED_IN[language]

    body = api_client.get(f"{detail(report)}{query}", **headers).json()

    assert body["courses"][0]["title"] == course_title
    assert body["programmes"][0]["title"].startswith(programme_title)
    assert body["reporting_chain"][2]["publisher"]["name"].startswith(ministry_name)
    assert body["title"].startswith("À Bakou")  # a source keeps the language it was written in


@pytest.mark.parametrize(
    ("published_on", "precision", "stored", "shown"),
    [
        ("2026-03-05", "year", datetime.date(2026, 1, 1), "2026"),
        ("2026-03-05", "month", datetime.date(2026, 3, 1), "2026-03"),
        ("2026-01-01", "day", datetime.date(2026, 1, 1), "2026-01-01"),
        (None, "unknown", None, None),
    ],
)
def test_a_publication_date_keeps_its_precision(
    api_client_for, published_on, precision, stored, shown
):
    response = api_client_for("registrar").post(
        LIST,
        {
            "slug": "dated",
            "kind": "news_report",
            "published_on": published_on,
            "published_precision": precision,
        },
    )

    assert response.status_code == 201, response.json()
    assert response.json()["published"] == shown
    assert Source.objects.get(slug="dated").published_on == stored


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
