import csv
import datetime
import io

import pytest
from rest_framework.test import APIClient

from apps.certificates.models import Certificate, CertificateStatus
from apps.courses.models import Course
from apps.people.models import Person
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
    api_token_for,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/certificates/"
REVOKED_AT = datetime.datetime(2026, 4, 1, 9, 30, tzinfo=datetime.UTC)


def detail(certificate: Certificate) -> str:
    return f"{LIST}{certificate.pk}/"


def client_without_permissions() -> APIClient:
    client = APIClient()
    token = api_token_for(UserFactory(username="nobody"))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


# Nobody writes through this endpoint: every authenticated user is told the method is not
# allowed (405), whatever their permissions; an anonymous one is first asked to authenticate.
@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("anonymous", 401, 401),
        ("viewer", 200, 405),
        ("registrar", 200, 405),
        ("superuser", 200, 405),
    ],
)
def test_certificates_are_read_only_for_everybody(api_client_for, role, read, write):
    client = api_client_for(role)
    certificate = CertificateFactory(serial="KEEP-1")
    enrolment = EnrolmentFactory(completed=True)
    payload = {"enrolment": enrolment.pk, "serial": "NEW-1", "issued_on": "2026-03-06"}

    assert client.get(LIST).status_code == read
    assert client.get(detail(certificate)).status_code == read
    assert client.post(LIST, payload).status_code == write
    assert client.put(detail(certificate), payload).status_code == write
    assert client.patch(detail(certificate), {"serial": "CHANGED"}).status_code == write
    assert client.delete(detail(certificate)).status_code == write
    assert list(Certificate.objects.values_list("serial", flat=True)) == ["KEEP-1"]


def test_a_refused_write_says_the_method_is_not_allowed(api_client_for):
    certificate = CertificateFactory()

    response = api_client_for("superuser").delete(detail(certificate))

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "DELETE" not allowed.'}
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_an_anonymous_read_is_told_to_authenticate(api_client):
    response = api_client.get(LIST)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_user_without_the_view_permission_cannot_read_certificates():
    certificate = CertificateFactory()
    client = client_without_permissions()

    assert client.get(LIST).status_code == 403
    assert client.get(detail(certificate)).status_code == 403
    assert client.post(LIST, {"serial": "X"}).status_code == 405
    assert Certificate.objects.count() == 1


def test_a_certificate_shows_its_holder_course_issuer_and_supersession(api_client_for):
    old = CertificateFactory(serial="MTT-1", status=CertificateStatus.SUPERSEDED)
    certificate = CertificateFactory(
        enrolment=old.enrolment,
        issued_by=old.issued_by,
        supersedes=old,
        supersession_reason="Name misspelt.",
        serial="MTT-2",
    )
    enrolment = certificate.enrolment

    body = api_client_for("viewer").get(detail(certificate)).json()

    assert (body["serial"], body["status"], body["issued_on"]) == ("MTT-2", "valid", "2026-03-06")
    assert body["issued_by"]["slug"] == certificate.issued_by.slug
    assert body["enrolment"]["id"] == enrolment.pk
    assert body["enrolment"]["status"] == "completed"
    assert body["enrolment"]["course"]["slug"] == enrolment.course.slug
    assert body["enrolment"]["person"]["uid"] == str(enrolment.person.uid)
    assert body["supersedes"] == {
        "id": old.pk,
        "serial": "MTT-1",
        "status": "superseded",
        "issued_on": "2026-03-06",
    }
    assert body["superseded_by"] is None
    assert (body["revoked_at"], body["revocation_reason"], body["revoked_by"]) == (None, "", None)
    superseded = api_client_for("viewer").get(detail(old)).json()
    assert superseded["superseded_by"]["serial"] == "MTT-2"
    assert superseded["supersedes"] is None


def test_a_revoked_certificate_shows_when_why_and_by_whom(api_client_for):
    certificate = CertificateFactory(
        status=CertificateStatus.REVOKED,
        revoked_at=REVOKED_AT,
        revocation_reason="Misspelt name.",
        revoked_by=UserFactory(username="registrar-1"),
    )

    body = api_client_for("viewer").get(detail(certificate)).json()

    assert body["status"] == "revoked"
    assert body["revoked_at"] == "2026-04-01T09:30:00Z"
    assert body["revocation_reason"] == "Misspelt name."
    assert body["revoked_by"] == "registrar-1"


def test_the_verification_code_is_shown_in_the_detail_but_never_in_the_list(api_client_for):
    certificate = CertificateFactory()
    client = api_client_for("viewer")

    listed = client.get(LIST).json()["results"][0]
    exported = client.get(f"{LIST}?format=csv").content.decode()

    assert client.get(detail(certificate)).json()["verification_code"] == (
        certificate.verification_code
    )
    assert "verification_code" not in listed
    assert certificate.verification_code not in exported
    assert "verification_code" not in exported


def test_the_holders_course_follows_the_language_asked_for(api_client_for, seed):
    enrolment = EnrolmentFactory(course=Course.objects.get(city="Baku"), completed=True)
    certificate = CertificateFactory(enrolment=enrolment)
    client = api_client_for("viewer")

    in_french = client.get(detail(certificate), HTTP_ACCEPT_LANGUAGE="fr").json()
    by_parameter = client.get(f"{detail(certificate)}?lang=fr").json()

    expected = "Planification logistique au sein de l'OTAN"
    assert in_french["enrolment"]["course"]["title"] == expected
    assert by_parameter["enrolment"]["course"]["title"] == expected
    assert in_french["enrolment"]["course"]["start"] == "2026"
    # The seed course's delivering team issues its certificates.
    assert in_french["issued_by"]["slug"] == "nato-mtt-jfc-brunssum"
    found = client.get(f"{LIST}?course_slug={enrolment.course.slug}").json()["results"]
    assert [row["serial"] for row in found] == [certificate.serial]


@pytest.fixture
def certificates() -> dict[str, Certificate]:
    """Three certificates over two courses, two issuers, two years and three statuses."""
    team = OrganisationFactory(slug="team")
    course_2025 = CourseFactory(slug="c-2025", start_date=datetime.date(2025, 5, 5))
    course_2026 = CourseFactory(slug="c-2026")

    def issue(course: Course, family_name: str, **kwargs) -> Certificate:
        person = PersonFactory(family_name=family_name)
        enrolment = EnrolmentFactory(course=course, person=person, completed=True)
        return CertificateFactory(enrolment=enrolment, **kwargs)

    return {
        "brown": issue(course_2026, "Brown", serial="B-2026-2", issued_by=team),
        "adams": issue(
            course_2026,
            "Adams",
            serial="A-2026-1",
            status=CertificateStatus.REVOKED,
            revoked_at=REVOKED_AT,
            revocation_reason="Error.",
        ),
        "clark": issue(
            course_2025,
            "Clark",
            serial="C-2025-1",
            issued_on=datetime.date(2025, 5, 9),
            status=CertificateStatus.SUPERSEDED,
        ),
    }


def test_certificates_filter_search_and_order(api_client_for, certificates):
    client = api_client_for("viewer")
    brown, clark = certificates["brown"], certificates["clark"]

    def serials(query: str) -> list[str]:
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 200, response.json()
        return [row["serial"] for row in response.json()["results"]]

    assert serials("") == ["A-2026-1", "B-2026-2", "C-2025-1"]  # newest first, then serial
    assert serials("status=valid&status=revoked") == ["A-2026-1", "B-2026-2"]
    assert serials(f"course={clark.enrolment.course.pk}") == ["C-2025-1"]
    assert serials("course_slug=c-2026") == ["A-2026-1", "B-2026-2"]
    assert serials(f"person={brown.enrolment.person.pk}") == ["B-2026-2"]
    assert serials(f"person_uid={clark.enrolment.person.uid}") == ["C-2025-1"]
    assert serials(f"issued_by={brown.issued_by.pk}") == ["B-2026-2"]
    assert serials("issued_by_slug=team") == ["B-2026-2"]
    assert serials("issued_after=2026-01-01") == ["A-2026-1", "B-2026-2"]
    assert serials("issued_before=2025-12-31") == ["C-2025-1"]
    assert serials("year=2025") == ["C-2025-1"]
    assert serials("serial=B-2026-2") == ["B-2026-2"]
    assert serials("serial=B-2026") == []
    assert serials("search=clark") == ["C-2025-1"]
    assert serials("search=2026-1") == ["A-2026-1"]
    assert serials("ordering=serial") == ["A-2026-1", "B-2026-2", "C-2025-1"]
    assert serials("ordering=issued_on,-serial") == ["C-2025-1", "B-2026-2", "A-2026-1"]


@pytest.mark.parametrize(
    "query",
    [
        f"course={10**20}",
        "course=abc",
        f"person={10**20}",
        "person_uid=not-a-uid",
        f"issued_by={10**20}",
        "status=lost",
        "year=0",
        "year=10000",
        "issued_after=yesterday",
        "page_size=0",
        "search=a%00b",
    ],
)
def test_bad_query_values_are_a_clear_400(api_client_for, query):
    response = api_client_for("viewer").get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_certificates_export_as_csv(api_client_for, certificates):
    response = api_client_for("viewer").get(f"{LIST}?format=csv&ordering=serial")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["serial"] for row in rows] == ["A-2026-1", "B-2026-2", "C-2025-1"]
    assert list(rows[0])[:4] == ["id", "serial", "status", "issued_on"]
    assert rows[1]["issued_by.slug"] == "team"
    assert rows[2]["enrolment.person.full_name"].startswith("Clark")
    assert rows[0]["revocation_reason"] == "Error."


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_list_runs_a_constant_number_of_queries(
    api_client_for, django_assert_num_queries, page_size
):
    course = CourseFactory()
    team = OrganisationFactory()
    revoker = UserFactory()
    for enrolment in EnrolmentFactory.create_batch(60, course=course, completed=True):
        old = CertificateFactory(enrolment=enrolment, issued_by=team, status="superseded")
        CertificateFactory(
            enrolment=enrolment,
            issued_by=team,
            supersedes=old,
            supersession_reason="Name misspelt.",
            status=CertificateStatus.REVOKED,
            revoked_at=REVOKED_AT,
            revocation_reason="Error.",
            revoked_by=revoker,
        )
    client = api_client_for("viewer")

    # The token and the user's permissions, the count, the page with its holder, course,
    # issuer and the certificate it supersedes joined, then those that supersede it.
    with django_assert_num_queries(6):
        response = client.get(f"{LIST}?page_size={page_size}")

    assert len(response.json()["results"]) == page_size


def test_the_list_shows_the_holder_name_as_printed_beside_the_current_person(api_client_for):
    certificate = CertificateFactory(
        enrolment__person__family_name="Aliyev", enrolment__person__given_names="Sahriyar"
    )
    person = certificate.enrolment.person
    person.family_name = "Əliyev"
    person.save()

    [listed] = api_client_for("viewer").get(LIST).json()["results"]

    assert listed["holder_name"] == "Aliyev Sahriyar"
    assert listed["enrolment"]["person"]["full_name"] == "Əliyev Sahriyar"
    assert Person.objects.get().full_name == "Əliyev Sahriyar"
    assert Certificate.objects.get().holder_name == "Aliyev Sahriyar"
