import csv
import io

import pytest

from apps.courses.models import CoursePart
from tests.courses.conftest import BAKU
from tests.factories import CourseFactory, CoursePartFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/course-parts/"


def detail(part: CoursePart) -> str:
    return f"{LIST}{part.pk}/"


def payload(course_id: int, **fields) -> dict:
    """A valid part to write, with ``fields`` replacing or adding values."""
    return {
        "course": course_id,
        "position": 9,
        "kind": "practical_exercise",
        "title_en": "Convoy planning",
        **fields,
    }


@pytest.mark.parametrize(
    ("role", "read", "create", "update", "delete"),
    [
        ("anonymous", 200, 401, 401, 401),
        ("stranger", 200, 403, 403, 403),
        ("viewer", 200, 403, 403, 403),
        ("registrar", 200, 201, 200, 403),
        ("superuser", 200, 201, 200, 204),
    ],
)
def test_course_parts_are_public_to_read_and_need_permissions_to_write(
    api_client_for, role, read, create, update, delete
):
    client = api_client_for(role)
    part = CoursePartFactory(position=1, title_en="Original")
    course = part.course

    assert client.get(LIST).status_code == read
    assert client.get(detail(part)).status_code == read
    assert client.post(LIST, payload(course.pk, title_en=f"New {role}")).status_code == create
    assert client.patch(detail(part), {"title_en": "Patched"}).status_code == update
    put = payload(course.pk, position=1, title_en="Put")
    assert client.put(detail(part), put).status_code == update
    assert client.delete(detail(part)).status_code == delete
    assert CoursePart.objects.filter(pk=part.pk).exists() == (delete != 204)
    assert CoursePart.objects.filter(title_en=f"New {role}").exists() == (create == 201)
    if update != 200:
        part.refresh_from_db()
        assert part.title_en == "Original"


def test_the_baku_course_has_its_four_parts_in_order(api_client, baku):
    body = api_client.get(f"{LIST}?course_slug={BAKU}").json()

    assert body["count"] == 4
    assert [(part["position"], part["title"]) for part in body["results"]] == [
        (1, "Theoretical exercises"),
        (2, "Practical exercises"),
        (3, "General familiarisation session on NATO"),
        (4, "Briefings on logistics for military personnel"),
    ]
    first = body["results"][0]
    assert first["course"] == {
        "id": baku.pk,
        "slug": BAKU,
        "title": "Logistics Planning in NATO",
        "city": "Baku",
        "country": "AZ",
        "start": "2026",
        "end": "2026",
        "status": "held",
    }
    assert first["scenario"].startswith("Organisation of logistics")


@pytest.mark.parametrize(
    ("query", "headers"),
    [("?lang=fr", {}), ("", {"HTTP_ACCEPT_LANGUAGE": "fr"})],
)
def test_a_part_speaks_french_when_asked(api_client, baku, query, headers):
    part = baku.parts.get(position=4)

    body = api_client.get(f"{detail(part)}{query}", **headers).json()

    assert body["title"] == "Briefings consacrés à la logistique et destinés au personnel militaire"
    assert body["title_en"] == "Briefings on logistics for military personnel"
    assert body["audience"] == "Personnel militaire"
    assert body["course"]["title"] == "Planification logistique au sein de l'OTAN"


def test_a_registrar_adds_a_part_to_a_course(api_client_for, baku):
    response = api_client_for("registrar").post(
        LIST, payload(baku.pk, position=5, title_fr="Planification des convois")
    )

    assert response.status_code == 201, response.json()
    assert response.json()["course"]["slug"] == BAKU
    assert baku.parts.get(position=5).title_fr == "Planification des convois"


def test_a_second_part_at_the_same_position_is_refused(api_client_for, baku):
    response = api_client_for("registrar").post(LIST, payload(baku.pk, position=2))

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["The course already has a part at this position."]
    }
    assert baku.parts.count() == 4
    assert baku.parts.get(position=2).title_en == "Practical exercises"


def test_moving_a_part_onto_another_s_position_is_refused(api_client_for, baku):
    part = baku.parts.get(position=4)

    response = api_client_for("registrar").patch(detail(part), {"position": 1})

    assert response.status_code == 400
    part.refresh_from_db()
    assert part.position == 4


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"position": 0}, "position"),
        ({"position": -1}, "position"),
        ({"position": 70000}, "position"),
        ({"position": "first"}, "position"),
        ({"kind": "lecture"}, "kind"),
        ({"course": 10**30}, "course"),
        ({"course": "baku"}, "course"),
        ({"course": None}, "course"),
        ({"title_en": ""}, "title_en"),
        ({"title_en": "x" * 256}, "title_en"),
    ],
)
def test_invalid_parts_are_refused_field_by_field(api_client_for, baku, fields, field):
    response = api_client_for("registrar").post(LIST, {**payload(baku.pk), **fields})

    assert response.status_code == 400
    assert field in response.json()
    assert CoursePart.objects.count() == 4


def test_parts_filter_by_course_and_kind_and_order_by_position(api_client):
    first = CourseFactory(slug="first")
    second = CourseFactory(slug="second")
    CoursePartFactory(course=first, position=1, kind="theory", title_en="A")
    CoursePartFactory(course=first, position=2, kind="briefing", title_en="B")
    CoursePartFactory(course=second, position=1, kind="briefing", title_en="C")

    def titles(query: str) -> list[str]:
        response = api_client.get(f"{LIST}?{query}")
        assert response.status_code == 200, response.json()
        return [part["title_en"] for part in response.json()["results"]]

    assert titles("") == ["A", "B", "C"]
    assert titles(f"course={first.pk}") == ["A", "B"]
    assert titles("course_slug=second") == ["C"]
    assert titles("kind=briefing") == ["B", "C"]
    assert titles("kind=briefing&kind=theory&ordering=-position") == ["B", "A", "C"]
    assert titles("search=first") == ["A", "B"]


@pytest.mark.parametrize(
    "query",
    ["course=99999999999999999999999", "course=abc", "kind=lecture", "search=%00", "page_size=0"],
)
def test_bad_query_values_are_a_clear_400(api_client, query):
    response = api_client.get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_parts_export_as_csv(api_client, baku):
    response = api_client.get(f"{LIST}?format=csv&course={baku.pk}")

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["kind"] for row in rows] == [
        "theory",
        "practical_exercise",
        "familiarisation",
        "briefing",
    ]
    assert list(rows[0])[:3] == ["id", "course.id", "course.slug"]
    assert rows[3]["audience_en"] == "Military personnel"


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_list_runs_a_constant_number_of_queries(
    api_client, django_assert_num_queries, page_size
):
    for course in CourseFactory.create_batch(55):
        CoursePartFactory.create_batch(2, course=course)

    with django_assert_num_queries(2):  # the count, then the page with its courses joined
        response = api_client.get(f"{LIST}?page_size={page_size}")

    assert len(response.json()["results"]) == page_size
