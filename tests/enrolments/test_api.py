import csv
import datetime
import io

import pytest
from rest_framework.test import APIClient

from apps.certificates.models import CertificateStatus
from apps.courses.models import Course
from apps.enrolments.models import (
    COMPLETED_BEFORE_NOMINATED_ERROR,
    COMPLETED_ON_STATUS_ERROR,
    DUPLICATE_ENROLMENT_ERROR,
    Enrolment,
    EnrolmentStatus,
)
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    PersonFactory,
    UserFactory,
    api_token_for,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/enrolments/"


def detail(enrolment: Enrolment) -> str:
    return f"{LIST}{enrolment.pk}/"


@pytest.mark.parametrize(
    ("role", "read", "create", "update", "delete"),
    [
        ("anonymous", 401, 401, 401, 401),
        ("viewer", 200, 403, 403, 403),
        ("registrar", 200, 201, 200, 403),
        ("superuser", 200, 201, 200, 204),
    ],
)
def test_enrolments_need_the_view_permission_to_read_and_model_permissions_to_write(
    api_client_for, role, read, create, update, delete
):
    client = api_client_for(role)
    enrolment = EnrolmentFactory(result="")
    newcomer = PersonFactory()
    new = {"course": enrolment.course.pk, "person": newcomer.pk}
    put = {"course": enrolment.course.pk, "person": enrolment.person.pk, "status": "attended"}

    assert client.get(LIST).status_code == read
    assert client.get(detail(enrolment)).status_code == read
    assert client.post(LIST, new).status_code == create
    assert client.patch(detail(enrolment), {"result": "Passed"}).status_code == update
    assert client.put(detail(enrolment), put).status_code == update
    assert client.delete(detail(enrolment)).status_code == delete
    assert Enrolment.objects.filter(pk=enrolment.pk).exists() == (delete != 204)
    assert Enrolment.objects.filter(person=newcomer).exists() == (create == 201)
    if delete != 204:
        enrolment.refresh_from_db()
        assert (enrolment.result, enrolment.status) == (
            ("Passed", "attended") if update == 200 else ("", "confirmed")
        )


def test_an_anonymous_read_is_told_to_authenticate(api_client):
    response = api_client.get(LIST)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_user_without_the_view_permission_cannot_read_enrolments():
    enrolment = EnrolmentFactory()
    token = api_token_for(UserFactory(username="nobody"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert client.get(LIST).status_code == 403
    assert client.get(detail(enrolment)).status_code == 403


def test_an_enrolment_shows_its_course_person_and_current_certificate(api_client_for):
    old = CertificateFactory(status=CertificateStatus.SUPERSEDED, serial="OLD-1")
    current = CertificateFactory(enrolment=old.enrolment, supersedes=old, serial="NEW-1")
    enrolment = old.enrolment

    body = api_client_for("viewer").get(detail(enrolment)).json()

    assert body["course"]["slug"] == enrolment.course.slug
    assert body["person"] == {
        "id": enrolment.person.pk,
        "uid": str(enrolment.person.uid),
        "full_name": enrolment.person.full_name,
        "rank": "Major",
    }
    assert (body["status"], body["nominated_on"], body["completed_on"]) == (
        "completed",
        "2026-01-15",
        "2026-03-06",
    )
    assert body["certificate"] == {
        "id": current.pk,
        "serial": "NEW-1",
        "status": "valid",
        "issued_on": "2026-03-06",
    }


def test_an_enrolment_whose_only_certificate_was_superseded_shows_none(api_client_for):
    old = CertificateFactory(status=CertificateStatus.SUPERSEDED)

    body = api_client_for("viewer").get(detail(old.enrolment)).json()

    assert body["certificate"] is None


def test_a_revoked_certificate_is_still_the_current_one(api_client_for):
    revoked = CertificateFactory(
        status=CertificateStatus.REVOKED,
        revoked_at=datetime.datetime(2026, 4, 1, 9, 30, tzinfo=datetime.UTC),
        revocation_reason="Misspelt name.",
    )

    body = api_client_for("viewer").get(detail(revoked.enrolment)).json()

    assert body["certificate"]["status"] == "revoked"


def test_the_course_title_follows_the_language_asked_for(api_client_for, seed):
    enrolment = EnrolmentFactory(course=Course.objects.get(city="Baku"))
    client = api_client_for("viewer")

    in_french = client.get(detail(enrolment), HTTP_ACCEPT_LANGUAGE="fr").json()
    by_parameter = client.get(f"{detail(enrolment)}?lang=fr").json()

    assert in_french["course"]["title"] == "Planification logistique au sein de l'OTAN"
    assert by_parameter["course"]["title"] == "Planification logistique au sein de l'OTAN"
    # The seed course is known to the year only: "2026", not "2026-01-01".
    assert (in_french["course"]["start"], in_french["course"]["end"]) == ("2026", "2026")


def test_a_registrar_enrols_a_person_in_the_seed_course(api_client_for, seed):
    course = Course.objects.get(slug="ipcp-2026-logistics-planning-in-nato-baku")
    person = PersonFactory(family_name="Aliyev")
    client = api_client_for("registrar")

    response = client.post(
        LIST, {"course": course.pk, "person": person.pk, "nominated_on": "2026-02-01"}
    )

    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "nominated"
    assert response.json()["certificate"] is None
    found = client.get(f"{LIST}?course_slug={course.slug}").json()["results"]
    assert [row["person"]["full_name"] for row in found] == [person.full_name]
    assert Enrolment.objects.get(course=course, person=person).nominated_on == datetime.date(
        2026, 2, 1
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"status": "confirmed", "completed_on": "2026-03-06"}, "completed_on", None),
        ({"status": "completed", "completed_on": "2026-01-01"}, "completed_on", None),
        ({"status": "graduated"}, "status", None),
        ({"nominated_on": "15/01/2026"}, "nominated_on", None),
        ({"course": "abc"}, "course", None),
        ({"course": 10**30}, "course", None),
        ({"person": None}, "person", None),
        ({"result": ["Passed"]}, "result", None),
    ],
)
def test_invalid_enrolments_are_refused_field_by_field(api_client_for, change, field, message):
    before = Enrolment.objects.count()
    payload = {
        "course": CourseFactory().pk,
        "person": PersonFactory().pk,
        "nominated_on": "2026-01-15",
        **change,
    }

    response = api_client_for("registrar").post(LIST, payload)

    assert response.status_code == 400
    assert field in response.json()
    assert Enrolment.objects.count() == before


def test_the_completion_rules_give_the_model_messages(api_client_for):
    enrolment = EnrolmentFactory()
    client = api_client_for("registrar")

    too_early = client.patch(
        detail(enrolment), {"status": "completed", "completed_on": "2026-01-01"}
    )
    unfinished = client.patch(detail(enrolment), {"completed_on": "2026-03-06"})

    assert too_early.status_code == unfinished.status_code == 400
    assert too_early.json() == {"completed_on": [str(COMPLETED_BEFORE_NOMINATED_ERROR)]}
    assert unfinished.json() == {"completed_on": [str(COMPLETED_ON_STATUS_ERROR)]}
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.completed_on) == ("confirmed", None)


def test_a_person_is_enrolled_in_a_course_only_once(api_client_for):
    existing = EnrolmentFactory()

    response = api_client_for("registrar").post(
        LIST, {"course": existing.course.pk, "person": existing.person.pk}
    )

    assert response.status_code == 400
    assert response.json() == {"person": [str(DUPLICATE_ENROLMENT_ERROR)]}
    assert Enrolment.objects.count() == 1


def test_moving_an_enrolment_onto_another_of_the_person_is_refused(api_client_for):
    existing = EnrolmentFactory()
    other = EnrolmentFactory(person=existing.person)

    response = api_client_for("registrar").patch(detail(other), {"course": existing.course.pk})

    assert response.status_code == 400
    assert response.json() == {"person": [str(DUPLICATE_ENROLMENT_ERROR)]}
    other.refresh_from_db()
    assert other.course != existing.course


def test_a_malformed_body_is_a_400(api_client_for):
    response = api_client_for("registrar").generic(
        "POST", LIST, "{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]
    assert not Enrolment.objects.exists()


def test_deleting_an_enrolment_with_a_certificate_is_a_conflict(api_client_for):
    certificate = CertificateFactory()
    enrolment = certificate.enrolment

    by_superuser = api_client_for("superuser").delete(detail(enrolment))
    by_registrar = api_client_for("registrar").delete(detail(enrolment))

    assert by_superuser.status_code == 409
    assert "cannot be deleted" in by_superuser.json()["detail"]
    assert by_registrar.status_code == 403
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()


@pytest.fixture
def enrolments() -> dict[str, Enrolment]:
    """Three enrolments over two programmes, two years and three statuses."""
    course_2025 = CourseFactory(
        slug="c-2025",
        title_en="Defence budgeting",
        title_fr="Budget de défense",
        start_date=datetime.date(2025, 5, 5),
        end_date=datetime.date(2025, 5, 9),
    )
    course_2026 = CourseFactory(slug="c-2026", title_en="Logistics", title_fr="Logistique")
    return {
        "anna": EnrolmentFactory(
            course=course_2026,
            person=PersonFactory(family_name="Brown", given_names="Anna"),
            completed=True,
        ),
        "ben": EnrolmentFactory(
            course=course_2026,
            person=PersonFactory(family_name="Adams", given_names="Ben"),
            status=EnrolmentStatus.WITHDRAWN,
        ),
        "cleo": EnrolmentFactory(
            course=course_2025,
            person=PersonFactory(family_name="Clark", given_names="Cleo"),
            status=EnrolmentStatus.FAILED,
            nominated_on=datetime.date(2025, 3, 1),
            completed_on=datetime.date(2025, 5, 9),
        ),
    }


def test_enrolments_filter_search_and_order(api_client_for, enrolments):
    client = api_client_for("viewer")
    anna, cleo = enrolments["anna"], enrolments["cleo"]

    def names(query: str) -> list[str]:
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 200, response.json()
        return [row["person"]["full_name"].split()[1] for row in response.json()["results"]]

    assert names("") == ["Ben", "Anna", "Cleo"]  # newest course first, then by family name
    assert names(f"course={anna.course.pk}") == ["Ben", "Anna"]
    assert names("course_slug=c-2025") == ["Cleo"]
    assert names(f"person={anna.person.pk}") == ["Anna"]
    assert names(f"person_uid={cleo.person.uid}") == ["Cleo"]
    assert names("status=completed&status=failed") == ["Anna", "Cleo"]
    assert names(f"programme={cleo.course.programme.pk}") == ["Cleo"]
    assert names(f"programme_slug={anna.course.programme.slug}") == ["Ben", "Anna"]
    assert names("year=2025") == ["Cleo"]
    assert names("completed_after=2026-01-01") == ["Anna"]
    assert names("completed_before=2025-12-31") == ["Cleo"]
    assert names("search=clark") == ["Cleo"]
    assert names("search=anna") == ["Anna"]
    assert names("search=budget") == ["Cleo"]
    assert names("search=Logistique") == ["Ben", "Anna"]
    assert names("ordering=person__family_name") == ["Ben", "Anna", "Cleo"]
    assert names("ordering=course__start_date,-person__family_name") == ["Cleo", "Anna", "Ben"]
    assert names("ordering=-status") == ["Ben", "Cleo", "Anna"]
    # Only finished enrolments: databases disagree on where an empty date sorts.
    assert names("status=completed&status=failed&ordering=-completed_on") == ["Anna", "Cleo"]
    assert names("status=completed&status=failed&ordering=completed_on") == ["Cleo", "Anna"]


@pytest.mark.parametrize(
    "query",
    [
        f"course={10**20}",
        "course=abc",
        f"person={10**20}",
        "person_uid=not-a-uid",
        f"programme={10**20}",
        "status=graduated",
        "year=0",
        "year=10000",
        "year=abc",
        "completed_after=2026-13-01",
        "page_size=101",
        "search=a%00b",
    ],
)
def test_bad_query_values_are_a_clear_400(api_client_for, query):
    response = api_client_for("viewer").get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_enrolments_export_as_csv(api_client_for, enrolments):
    CertificateFactory(enrolment=enrolments["anna"], serial="CSV-1")

    response = api_client_for("viewer").get(f"{LIST}?format=csv&ordering=person__family_name")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["person.full_name"] for row in rows] == ["Adams Ben", "Brown Anna", "Clark Cleo"]
    assert rows[1]["course.slug"] == "c-2026"
    assert rows[1]["person.uid"] == str(enrolments["anna"].person.uid)
    assert (rows[1]["certificate.serial"], rows[0]["certificate.serial"]) == ("CSV-1", "")


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_list_runs_a_constant_number_of_queries(
    api_client_for, django_assert_num_queries, page_size
):
    course = CourseFactory()
    for enrolment in EnrolmentFactory.create_batch(110, course=course, completed=True):
        old = CertificateFactory(
            enrolment=enrolment, issued_by=course.programme.partner, status="superseded"
        )
        CertificateFactory(enrolment=enrolment, issued_by=old.issued_by, supersedes=old)
    client = api_client_for("viewer")

    # The token and the user's permissions, the count, the page, the current certificates.
    with django_assert_num_queries(6):
        response = client.get(f"{LIST}?page_size={page_size}")

    assert len(response.json()["results"]) == page_size
    assert all(row["certificate"]["status"] == "valid" for row in response.json()["results"])
