import csv
import datetime
import io

import pytest

from apps.courses.models import Course
from apps.organisations.models import Organisation
from tests.courses.conftest import BAKU
from tests.factories import (
    CourseFactory,
    CoursePartFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammeFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/courses/"


def slugs(client, query: str) -> list[str]:
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200, response.json()
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def courses() -> dict[str, Course]:
    """Three courses that differ in every filtered value."""
    team = OrganisationFactory(slug="team")
    host = OrganisationFactory(slug="host")
    programme = ProgrammeFactory(slug="ipap", title_en="Action plan", title_fr="Plan d'action")
    return {
        "tbilisi": CourseFactory(
            slug="tbilisi",
            title_en="Crisis management",
            programme=programme,
            city="Tbilisi",
            country="GE",
            status="planned",
            delivered_by=team,
            start_date=datetime.date(2025, 6, 2),
            end_date=datetime.date(2025, 6, 6),
        ),
        "ganja": CourseFactory(
            slug="ganja",
            title_en="Logistics",
            programme=programme,
            city="Ganja",
            organised_by=team,
            status="cancelled",
            start_date=datetime.date(2026, 9, 1),
            end_date=datetime.date(2026, 9, 30),
        ),
        "baku": CourseFactory(
            slug="baku",
            title_en="Air defence",
            city="Baku",
            delivered_by=host,
            start_date=datetime.date(2026, 3, 2),
            end_date=datetime.date(2026, 3, 6),
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["ganja", "baku", "tbilisi"]),
        ("programme_slug=ipap", ["ganja", "tbilisi"]),
        ("status=planned&status=cancelled", ["ganja", "tbilisi"]),
        ("status=held", ["baku"]),
        ("country=GE", ["tbilisi"]),
        ("city=GANJA", ["ganja"]),
        ("delivered_by_slug=team", ["tbilisi"]),
        ("organised_by_slug=team", ["ganja"]),
        ("year=2026", ["ganja", "baku"]),
        ("start_after=2026-03-02", ["ganja", "baku"]),
        ("start_before=2026-03-01", ["tbilisi"]),
        ("end_after=2026-09-30", ["ganja"]),
        ("end_before=2026-03-06", ["baku", "tbilisi"]),
        ("start_after=2026-01-01&end_before=2026-06-30", ["baku"]),
        ("search=logistics", ["ganja"]),
        ("search=tbil", ["tbilisi"]),
        ("search=Cooperation programme", ["baku"]),
        ("ordering=start_date", ["tbilisi", "baku", "ganja"]),
        ("ordering=-title_en", ["ganja", "tbilisi", "baku"]),
        ("ordering=end_date&status=held&status=planned", ["tbilisi", "baku"]),
    ],
)
def test_courses_filter_search_and_order(api_client, courses, query, expected):
    assert slugs(api_client, query) == expected


def test_courses_filter_by_programme_and_organisation_ids(api_client, courses):
    team = Organisation.objects.get(slug="team")

    assert slugs(api_client, f"programme={courses['ganja'].programme_id}") == ["ganja", "tbilisi"]
    assert slugs(api_client, f"delivered_by={team.pk}") == ["tbilisi"]
    assert slugs(api_client, f"organised_by={team.pk}") == ["ganja"]
    assert slugs(api_client, f"organisation={team.pk}") == ["ganja", "tbilisi"]


def test_courses_filter_by_kind_of_part_once_each(api_client, courses):
    CoursePartFactory.create_batch(3, course=courses["baku"], kind="briefing")
    CoursePartFactory(course=courses["ganja"], kind="theory")

    assert slugs(api_client, "part_kind=briefing") == ["baku"]
    assert slugs(api_client, "part_kind=briefing&part_kind=theory") == ["ganja", "baku"]


@pytest.mark.parametrize("role", ["viewer", "registrar"])
def test_users_who_may_see_enrolments_filter_by_person_and_trainer(api_client_for, role, courses):
    enrolment = EnrolmentFactory(course=courses["ganja"])
    EnrolmentFactory(course=courses["baku"])
    assignment = CourseTrainerFactory(course=courses["tbilisi"])
    client = api_client_for(role)

    assert slugs(client, f"person={enrolment.person_id}") == ["ganja"]
    assert slugs(client, f"trainer={assignment.trainer_id}") == ["tbilisi"]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("stranger", 403)])
@pytest.mark.parametrize("name", ["person", "trainer"])
def test_filtering_by_person_or_trainer_is_refused_to_others(api_client_for, role, status, name):
    assignment = CourseTrainerFactory()
    EnrolmentFactory(course=assignment.course, person=assignment.trainer.person)

    existing = api_client_for(role).get(f"{LIST}?{name}={assignment.trainer.person.pk}")
    missing = api_client_for(role).get(f"{LIST}?{name}=999999")

    # A 400 would tell a client its valid request was malformed; the schema lists these two.
    assert existing.status_code == missing.status_code == status
    assert existing.json() == missing.json()  # nothing tells whether the id exists
    assert "needs the permission" in existing.json()["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "programme=99999999999999999999999",
        "programme=abc",
        "delivered_by=99999999999999999999999",
        "organisation=abc",
        "person=99999999999999999999999",
        "trainer=abc",
        "year=0",
        "year=10000",
        "year=-1",
        "year=2026.5",
        "year=abc",
        "status=postponed",
        "part_kind=lecture",
        "start_after=2026-02-30",
        "end_before=yesterday",
        "search=a%00b",
        "page_size=101",
        "page=999",
    ],
)
def test_bad_query_values_are_a_clear_4xx(api_client_for, seed, query):
    response = api_client_for("viewer").get(f"{LIST}?{query}")

    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_the_seed_course_is_found_by_year_programme_and_team(api_client, baku):
    mtt = baku.delivered_by

    assert slugs(api_client, "year=2026") == [BAKU]
    assert slugs(api_client, f"programme={baku.programme_id}") == [BAKU]
    assert slugs(api_client, "delivered_by_slug=nato-mtt-jfc-brunssum") == [BAKU]
    assert slugs(api_client, f"organisation={mtt.pk}") == [BAKU]
    assert slugs(api_client, "part_kind=familiarisation&country=AZ&city=baku") == [BAKU]
    assert slugs(api_client, "year=2025") == []


def test_courses_export_as_csv(api_client, baku):
    response = api_client.get(f"{LIST}?format=csv&search=Baku")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert list(row)[:4] == ["id", "slug", "programme.id", "programme.slug"]
    assert row["slug"] == BAKU
    assert row["programme.slug"] == "ipcp-2026-azerbaijan-nato"
    assert row["delivered_by.acronym"] == "MTT"
    assert (row["start"], row["end"], row["status"]) == ("2026", "2026", "held")
    assert row["parts.kind"].split("; ")[3] == "briefing"
    assert row["enrolment_count"] == "0"
    trainers = {column: value for column, value in row.items() if column.startswith("trainers.")}
    assert trainers
    assert set(trainers.values()) == {""}


def _courses_with_everything_shown(count: int) -> None:
    """``count`` courses, each with parts, a trainer, an enrolment and a published source."""
    programme = ProgrammeFactory()
    team = OrganisationFactory()
    for course in CourseFactory.create_batch(
        count, programme=programme, delivered_by=team, organised_by=team
    ):
        CoursePartFactory.create_batch(2, course=course)
        CourseTrainerFactory(course=course)
        EnrolmentFactory(course=course)
        course.sources.add(SourceFactory())


@pytest.mark.parametrize("page_size", [1, 100])
@pytest.mark.parametrize(
    ("role", "queries"),
    [
        # count, page (with its programme and organisations), the page's head counts, parts,
        # sources
        ("anonymous", 5),
        # + the token, the user's and groups' permissions, then the trainers' assignments
        ("viewer", 9),
    ],
)
def test_the_list_runs_a_constant_number_of_queries(
    api_client_for, django_assert_num_queries, role, queries, page_size
):
    _courses_with_everything_shown(110)
    client = api_client_for(role)

    with django_assert_num_queries(queries):
        response = client.get(f"{LIST}?page_size={page_size}")

    results = response.json()["results"]
    assert len(results) == page_size
    assert all(len(course["parts"]) == 2 and course["sources"] for course in results)
    assert all((course["trainers"] is None) == (role == "anonymous") for course in results)
