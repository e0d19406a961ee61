import datetime

import pytest
from django.utils import timezone

from apps.certificates.models import CertificateStatus
from apps.courses.models import Course, CoursePart, CourseTrainer
from apps.organisations.models import Organisation
from apps.programmes.models import Programme
from tests.courses.conftest import BAKU
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    CoursePartFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    PersonFactory,
    ProgrammeFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/courses/"


def detail(course: Course) -> str:
    return f"{LIST}{course.pk}/"


def attached(course: Course) -> tuple[int, int, int, int]:
    """What rests on or belongs to a course: enrolments, parts, assignments, sources."""
    return (
        course.enrolments.count(),
        CoursePart.objects.filter(course=course).count(),
        CourseTrainer.objects.filter(course=course).count(),
        course.sources.count(),
    )


def payload(programme: Programme, **fields) -> dict:
    """A valid course to write, with ``fields`` replacing or adding values."""
    return {
        "slug": "new-course",
        "programme": programme.pk,
        "title_en": "Defence planning",
        "start_date": "2026-05-04",
        "start_precision": "day",
        "end_date": "2026-05-08",
        "end_precision": "day",
        "status": "planned",
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
def test_courses_are_public_to_read_and_need_permissions_to_write(
    api_client_for, role, read, create, update, delete
):
    client = api_client_for(role)
    course = CourseFactory(title_en="Original")
    programme = course.programme

    assert client.get(LIST).status_code == read
    assert client.get(detail(course)).status_code == read
    assert client.post(LIST, payload(programme, slug=f"new-{role}")).status_code == create
    assert client.patch(detail(course), {"title_en": "Patched"}).status_code == update
    assert client.put(detail(course), payload(programme, slug="put")).status_code == update
    assert client.delete(detail(course)).status_code == delete
    assert Course.objects.filter(pk=course.pk).exists() == (delete != 204)
    assert Course.objects.filter(slug=f"new-{role}").exists() == (create == 201)
    if update != 200:
        course.refresh_from_db()
        assert (course.slug, course.title_en) != ("put", "Patched")


def test_an_anonymous_write_is_told_to_authenticate(api_client):
    response = api_client.post(LIST, payload(ProgrammeFactory()))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not Course.objects.exists()


def test_the_baku_course_is_found_by_searching_for_baku(api_client, baku):
    body = api_client.get(f"{LIST}?search=Baku").json()

    assert body["count"] == 1
    course = body["results"][0]
    assert course["slug"] == BAKU
    assert course["title"] == "Logistics Planning in NATO"
    assert course["programme"]["slug"] == "ipcp-2026-azerbaijan-nato"
    assert (course["city"], course["country"], course["status"]) == ("Baku", "AZ", "held")


def test_the_baku_course_shows_its_programme_team_parts_and_sources(api_client, baku):
    course = api_client.get(detail(baku)).json()

    assert course["programme"] == {
        "id": baku.programme_id,
        "slug": "ipcp-2026-azerbaijan-nato",
        "kind": "ipcp",
        "title": baku.programme.title_en,
        "start_year": 2026,
        "end_year": 2026,
    }
    mtt = Organisation.objects.get(slug="nato-mtt-jfc-brunssum")
    assert course["delivered_by"] == {
        "id": mtt.pk,
        "slug": "nato-mtt-jfc-brunssum",
        "name": "NATO Mobile Training Team of JFC Brunssum",
        "acronym": "MTT",
    }
    assert course["organised_by"]["slug"] == "azerbaijan-mod"
    assert [(part["position"], part["kind"]) for part in course["parts"]] == [
        (1, "theory"),
        (2, "practical_exercise"),
        (3, "familiarisation"),
        (4, "briefing"),
    ]
    assert course["parts"][3]["audience"] == "Military personnel"
    assert sorted(source["slug"] for source in course["sources"]) == [
        "azerbaijan-mod-announcement-logistics-planning-2026",
        "french-press-report-logistics-planning-2026",
        "nova-report-logistics-planning-2026",
        "trend-report-logistics-planning-2026",
    ]
    assert course["certificates_awarded"] is True
    assert (course["enrolment_count"], course["certificate_count"]) == (0, 0)


def test_the_baku_course_is_known_only_to_the_year(api_client, baku):
    course = api_client.get(detail(baku)).json()

    assert (course["start"], course["start_precision"], course["start_date"]) == (
        "2026",
        "year",
        "2026-01-01",
    )
    assert (course["end"], course["end_date"]) == ("2026", "2026-12-31")


@pytest.mark.parametrize(
    ("query", "headers"),
    [("?lang=fr", {}), ("", {"HTTP_ACCEPT_LANGUAGE": "fr"})],
)
def test_the_baku_course_speaks_french_when_asked(api_client, baku, query, headers):
    course = api_client.get(f"{detail(baku)}{query}", **headers).json()

    assert course["title"] == "Planification logistique au sein de l'OTAN"
    assert course["title_en"] == "Logistics Planning in NATO"
    assert course["parts"][0]["title"] == "Exercices théoriques"
    assert course["delivered_by"]["name"].startswith("Groupe mobile d'entraînement")
    assert course["summary"] == baku.summary_fr


def test_lang_parameter_overrides_accept_language(api_client, baku):
    course = api_client.get(f"{detail(baku)}?lang=en", HTTP_ACCEPT_LANGUAGE="fr").json()

    assert course["title"] == "Logistics Planning in NATO"


def test_a_day_precise_start_is_told_apart_from_a_year(api_client):
    course = CourseFactory(
        start_date=datetime.date(2026, 1, 1), end_date=None, end_precision="unknown"
    )

    body = api_client.get(detail(course)).json()

    assert (body["start"], body["start_precision"]) == ("2026-01-01", "day")
    assert (body["end"], body["end_date"], body["end_precision"]) == (None, None, "unknown")


@pytest.mark.parametrize(
    ("role", "sees_trainers"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("viewer", True),
        ("registrar", True),
    ],
)
def test_trainers_are_shown_only_to_users_who_may_view_trainers(
    api_client_for, role, sees_trainers
):
    assignment = CourseTrainerFactory(trainer__person__family_name="Mammadov", role="lead")

    response = api_client_for(role).get(detail(assignment.course))

    trainers = response.json()["trainers"]
    if sees_trainers:
        assert trainers == [
            {
                "id": assignment.pk,
                "role": "lead",
                "trainer": {
                    "id": assignment.trainer_id,
                    "person_uid": str(assignment.trainer.person.uid),
                    "full_name": assignment.trainer.person.full_name,
                    "rank": "Major",
                },
            }
        ]
    else:
        assert trainers is None
        assert "Mammadov" not in response.content.decode()


def test_counts_show_how_many_attended_but_never_who(api_client):
    course = CourseFactory()
    CoursePartFactory.create_batch(3, course=course)
    course.sources.add(*SourceFactory.create_batch(2))
    for _ in range(2):
        CertificateFactory(enrolment__course=course)
    CertificateFactory(
        enrolment__course=course,
        status=CertificateStatus.REVOKED,
        revoked_at=timezone.now(),
        revocation_reason="Issued in error.",
        revoked_by=UserFactory(),
    )
    EnrolmentFactory(course=course, person=PersonFactory(family_name="Huseynov"))

    response = api_client.get(detail(course))

    body = response.json()
    assert (body["enrolment_count"], body["certificate_count"]) == (4, 2)
    assert "Huseynov" not in response.content.decode()
    assert "enrolments" not in body


def test_a_registrar_creates_a_course_delivered_by_a_team(api_client_for, seed):
    programme = Programme.objects.get(slug="ipcp-2026-azerbaijan-nato")
    mtt = Organisation.objects.get(slug="nato-mtt-jfc-brunssum")

    response = api_client_for("registrar").post(
        LIST,
        payload(programme, delivered_by=mtt.pk, country="AZ", title_fr="Planification"),
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["delivered_by"]["slug"] == "nato-mtt-jfc-brunssum"
    assert (body["parts"], body["sources"], body["trainers"]) == ([], [], [])
    assert (body["enrolment_count"], body["certificate_count"]) == (0, 0)
    course = Course.objects.get(slug="new-course")
    assert (course.programme, course.delivered_by, course.organised_by) == (programme, mtt, None)


def test_a_date_is_stored_as_the_start_of_its_period(api_client_for):
    programme = ProgrammeFactory()

    response = api_client_for("registrar").post(
        LIST,
        payload(
            programme,
            start_date="2026-05-17",
            start_precision="month",
            end_date=None,
            end_precision="unknown",
        ),
    )

    assert response.status_code == 201, response.json()
    assert (response.json()["start"], response.json()["start_date"]) == ("2026-05", "2026-05-01")
    assert Course.objects.get(slug="new-course").start_date == datetime.date(2026, 5, 1)


def test_an_update_keeps_showing_the_counts(api_client_for):
    course = EnrolmentFactory().course

    response = api_client_for("registrar").patch(detail(course), {"city": "Ganja"})

    assert response.status_code == 200
    assert (response.json()["city"], response.json()["enrolment_count"]) == ("Ganja", 1)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_date": "2026-05-01"}, "end_date"),
        ({"status": "postponed"}, "status"),
        ({"country": "XX"}, "country"),
        ({"programme": "ipcp"}, "programme"),
        ({"programme": 10**30}, "programme"),
        ({"programme": None}, "programme"),
        ({"delivered_by": 10**30}, "delivered_by"),
        ({"start_precision": "unknown"}, "start_precision"),
        ({"start_date": None}, "start_date"),
        ({"start_date": "2026-13-01"}, "start_date"),
        ({"start_precision": "decade"}, "start_precision"),
        ({"certificates_awarded": "maybe"}, "certificates_awarded"),
        ({"title_en": ["Logistics"]}, "title_en"),
        ({"title_en": ""}, "title_en"),
        ({"slug": "not a slug"}, "slug"),
        ({"slug": BAKU}, "slug"),
    ],
)
def test_invalid_courses_are_refused_field_by_field(api_client_for, baku, fields, field):
    before = Course.objects.count()

    response = api_client_for("registrar").post(LIST, {**payload(baku.programme), **fields})

    assert response.status_code == 400
    assert field in response.json()
    assert Course.objects.count() == before


def test_malformed_json_is_a_clear_400(api_client_for):
    response = api_client_for("registrar").post(
        LIST, data='{"slug": ', content_type="application/json"
    )

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_a_course_cannot_be_made_to_end_before_it_starts(api_client_for):
    course = CourseFactory()

    response = api_client_for("registrar").patch(detail(course), {"end_date": "2026-01-01"})

    assert response.status_code == 400
    assert "end_date" in response.json()
    course.refresh_from_db()
    assert course.end_date == datetime.date(2026, 3, 6)


def test_deleting_the_seed_course_is_a_conflict_and_erases_nothing(api_client_for, baku):
    response = api_client_for("superuser").delete(detail(baku))

    assert response.status_code == 409
    detail_text = response.json()["detail"]
    assert "cannot be deleted" in detail_text
    assert "4 course parts" in detail_text and "4 supporting sources" in detail_text
    assert Course.objects.filter(pk=baku.pk).exists()
    assert baku.parts.count() == 4 and baku.sources.count() == 4


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (lambda course: EnrolmentFactory(course=course), "1 enrolment"),
        (lambda course: CoursePartFactory(course=course), "1 course part"),
        (lambda course: CourseTrainerFactory(course=course), "1 course trainer"),
        (lambda course: course.sources.add(SourceFactory()), "1 supporting source"),
    ],
)
def test_a_course_with_records_on_it_cannot_be_deleted(api_client_for, make, named):
    course = CourseFactory()
    make(course)
    before = attached(course)

    response = api_client_for("superuser").delete(detail(course))

    assert response.status_code == 409
    assert named in response.json()["detail"]
    assert Course.objects.filter(pk=course.pk).exists()
    assert attached(course) == before
