import csv
import io

import pytest

from apps.courses.models import CourseTrainer
from tests.factories import CourseFactory, CourseTrainerFactory, TrainerFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/course-trainers/"


def detail(assignment: CourseTrainer) -> str:
    return f"{LIST}{assignment.pk}/"


@pytest.mark.parametrize(
    ("role", "read", "create", "update", "delete"),
    [
        ("anonymous", 401, 401, 401, 401),
        ("stranger", 403, 403, 403, 403),
        ("viewer", 200, 403, 403, 403),
        ("registrar", 200, 201, 200, 403),
        ("superuser", 200, 201, 200, 204),
    ],
)
def test_course_trainers_are_personal_and_need_permissions_to_read_and_write(
    api_client_for, role, read, create, update, delete
):
    client = api_client_for(role)
    assignment = CourseTrainerFactory(role="instructor")
    course = assignment.course
    newcomer = TrainerFactory()
    new = {"course": course.pk, "trainer": newcomer.pk, "role": "guest_speaker"}
    put = {"course": course.pk, "trainer": assignment.trainer_id, "role": "lead"}

    assert client.get(LIST).status_code == read
    assert client.get(detail(assignment)).status_code == read
    assert client.post(LIST, new).status_code == create
    assert client.patch(detail(assignment), {"role": "lead"}).status_code == update
    assert client.put(detail(assignment), put).status_code == update
    assert client.delete(detail(assignment)).status_code == delete
    assert CourseTrainer.objects.filter(pk=assignment.pk).exists() == (delete != 204)
    assert CourseTrainer.objects.filter(trainer=newcomer).exists() == (create == 201)
    if update != 200:
        assignment.refresh_from_db()
        assert assignment.role == "instructor"


def test_an_assignment_shows_its_course_and_trainer_in_short(api_client_for):
    assignment = CourseTrainerFactory(role="lead", trainer__person__family_name="Mammadov")
    person = assignment.trainer.person

    body = api_client_for("viewer").get(detail(assignment)).json()

    assert body["role"] == "lead"
    assert body["course"]["slug"] == assignment.course.slug
    assert body["trainer"] == {
        "id": assignment.trainer_id,
        "person_uid": str(person.uid),
        "full_name": person.full_name,
        "rank": "Major",
    }


def test_the_course_lists_a_trainer_assigned_through_the_api(api_client_for, baku):
    trainer = TrainerFactory()
    client = api_client_for("registrar")

    response = client.post(LIST, {"course": baku.pk, "trainer": trainer.pk, "role": "lead"})

    assert response.status_code == 201, response.json()
    trainers = client.get(f"/api/v1/courses/{baku.pk}/").json()["trainers"]
    assert [(row["role"], row["trainer"]["id"]) for row in trainers] == [("lead", trainer.pk)]


def test_a_trainer_assigned_twice_to_a_course_is_refused(api_client_for):
    assignment = CourseTrainerFactory(role="instructor")

    response = api_client_for("registrar").post(
        LIST, {"course": assignment.course_id, "trainer": assignment.trainer_id, "role": "lead"}
    )

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["This trainer is already assigned to the course."]
    }
    assert CourseTrainer.objects.get().role == "instructor"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"role": "commander"}, "role"),
        ({"role": None}, "role"),
        ({"trainer": 10**30}, "trainer"),
        ({"trainer": "mammadov"}, "trainer"),
        ({"trainer": [1]}, "trainer"),
        ({"course": 10**30}, "course"),
        ({"course": None}, "course"),
    ],
)
def test_invalid_assignments_are_refused_field_by_field(api_client_for, fields, field):
    course = CourseFactory()
    trainer = TrainerFactory()

    response = api_client_for("registrar").post(
        LIST, {"course": course.pk, "trainer": trainer.pk, "role": "lead", **fields}
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not CourseTrainer.objects.exists()


def test_assignments_filter_by_course_trainer_and_role(api_client_for):
    course = CourseFactory(slug="baku-course")
    lead = CourseTrainerFactory(course=course, role="lead")
    guest = CourseTrainerFactory(course=course, role="guest_speaker")
    elsewhere = CourseTrainerFactory(trainer=lead.trainer, role="instructor")
    client = api_client_for("viewer")

    def ids(query: str) -> list[int]:
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids(f"course={course.pk}") == [guest.pk, lead.pk]
    assert ids("course_slug=baku-course&role=lead") == [lead.pk]
    assert ids(f"trainer={lead.trainer_id}") == [lead.pk, elsewhere.pk]
    assert ids(f"trainer_uid={lead.trainer.person.uid}&ordering=role") == [elsewhere.pk, lead.pk]
    assert ids("role=instructor&role=guest_speaker") == [guest.pk, elsewhere.pk]
    assert ids("search=baku-course") == [guest.pk, lead.pk]


@pytest.mark.parametrize(
    "query",
    [
        "course=99999999999999999999999",
        "trainer=abc",
        "trainer_uid=not-a-uuid",
        "role=commander",
        "search=%00",
        "page_size=1000",
    ],
)
def test_bad_query_values_are_a_clear_400(api_client_for, query):
    response = api_client_for("viewer").get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_assignments_export_as_csv(api_client_for):
    assignment = CourseTrainerFactory(role="lead")

    response = api_client_for("viewer").get(f"{LIST}?format=csv")

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == [str(assignment.pk)]
    assert rows[0]["course.slug"] == assignment.course.slug
    assert rows[0]["trainer.full_name"] == assignment.trainer.person.full_name
    assert rows[0]["role"] == "lead"


def test_csv_is_refused_to_anonymous_users_in_json(api_client):
    response = api_client.get(f"{LIST}?format=csv")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_list_runs_a_constant_number_of_queries(
    api_client_for, django_assert_num_queries, page_size
):
    CourseTrainerFactory.create_batch(110)
    client = api_client_for("viewer")

    # the token, the user's and groups' permissions, the count, the page with everything joined
    with django_assert_num_queries(5):
        response = client.get(f"{LIST}?page_size={page_size}")

    assert len(response.json()["results"]) == page_size
