"""The lists read from ``values()`` rows answer exactly what their serializers answer.

Each list with a plain read path (``PlainListMixin``) is asked twice for the same page: as
it answers, and with ``plain_list`` off, through its serializer. The bodies are parsed and
compared, over records that exercise every field: nulls, partial dates, French values and
their English fallback, nested records present and absent, revoked and superseded
certificates, a merged person, trainers and people without a profile; first pages, last
pages, cursors, filters, orderings, languages and CSV.
"""

import datetime

import pytest

from apps.certificates.api.views import CertificateViewSet
from apps.certificates.services import certificate_revoke, certificate_supersede
from apps.core.api.plain import PlainListMixin
from apps.core.dates import DatePrecision
from apps.courses.api.views import CoursePartViewSet, CourseTrainerViewSet, CourseViewSet
from apps.demo.services import demo_data_generate
from apps.enrolments.api.views import EnrolmentViewSet
from apps.imports.api.views import ImportBatchViewSet
from apps.organisations.api.views import OrganisationViewSet
from apps.people.api.views import PersonViewSet, TrainerViewSet
from apps.people.services import person_merge
from apps.programmes.api.views import ProgrammeViewSet
from apps.sources.api.views import SourceViewSet
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    CoursePartFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    ImportBatchFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    TrainerFactory,
    UserFactory,
)
from trainingdb.urls import API_URLCONFS

pytestmark = pytest.mark.django_db

PLAIN_LISTS = {
    "people": PersonViewSet,
    "enrolments": EnrolmentViewSet,
    "certificates": CertificateViewSet,
    "courses": CourseViewSet,
    "organisations": OrganisationViewSet,
    "programmes": ProgrammeViewSet,
    "course-parts": CoursePartViewSet,
    "course-trainers": CourseTrainerViewSet,
    "trainers": TrainerViewSet,
    "sources": SourceViewSet,
    "import-batches": ImportBatchViewSet,
}
# Lists anyone may read: compared for anonymous users too.
PUBLIC = {"courses", "organisations", "programmes", "course-parts", "sources"}
# Lists that page by cursor too.
CURSORS = {"people", "enrolments", "certificates"}

# Asked of every list: pages, page sizes, cursors, ordering, languages, formats.
QUERIES = [
    "",
    "?page_size=100",
    "?page_size=7&page=2",
    "?page_size=7&page=last",
    "?page_size=100&lang=fr",
    "?page_size=100&ordering=-id",
    "?cursor=&page_size=5",
    "?page_size=100&format=csv",
]
LIST_QUERIES = {
    "people": [
        "?merged=true",
        "?search=zz",
        "?nationality=AZ&page_size=100",
        "?ordering=-family_name",
    ],
    "enrolments": [
        "?status=completed&page_size=100",
        "?year=1994",
        "?ordering=person__family_name,-status",
    ],
    "certificates": ["?status=revoked", "?status=superseded&lang=fr", "?ordering=serial"],
    "courses": ["?year=1994", "?lang=fr&page_size=100", "?ordering=title_fr"],
    "organisations": ["?kind=ministry", "?search=zz", "?ordering=-country", "?lang=fr"],
    "programmes": ["?kind=ipcp", "?ordering=course_count", "?lang=fr&ordering=title_fr"],
    "course-parts": ["?kind=theory", "?ordering=-position&lang=fr"],
    "course-trainers": ["?role=lead", "?ordering=-role"],
    "trainers": ["?search=zz", "?ordering=-assignment_count"],
    "sources": ["?published_after=2026-01-01", "?ordering=-slug", "?kind=news_report"],
    "import-batches": ["?search=participants", "?ordering=imported_at"],
}


@pytest.fixture
def register(superuser):
    """A small demonstration register, and records made to reach every field's corners."""
    demo_data_generate(scale=120, seed=3)
    ministry = OrganisationFactory(name_fr="", acronym="")
    course = CourseFactory(
        title_fr="",
        delivered_by=ministry,
        start_date=datetime.date(1994, 1, 1),
        start_precision=DatePrecision.YEAR,
        end_date=None,
        end_precision=DatePrecision.UNKNOWN,
        country="",
        city="",
    )
    kept = PersonFactory(
        family_name="Zz-Əliyev", patronymic="Oğlu", organisation=ministry, nationality="AZ"
    )
    merged = PersonFactory(family_name="Zz-Aliyev", birth_date=datetime.date(1980, 2, 29))
    CourseTrainerFactory(course=course, trainer=TrainerFactory(person=kept))
    TrainerFactory.create_batch(4, affiliation=ministry)
    TrainerFactory.create_batch(4, affiliation=None, expertise="Zz logistics")
    CoursePartFactory(course=course, title_fr="", scenario_en="Ports closed.")
    SourceFactory(publisher=None).courses.add(course)
    SourceFactory(
        published_on=datetime.date(2026, 5, 1), published_precision=DatePrecision.MONTH
    ).courses.add(course)
    CourseFactory(start_date=None, start_precision=DatePrecision.UNKNOWN, title_en="Zz empty")
    EnrolmentFactory(course=course, person=merged, completed=True)
    person_merge(person=merged, into=kept, user=superuser)
    EnrolmentFactory(course=course, person=PersonFactory(family_name="Zz-Nominee"))
    ImportBatchFactory.create_batch(8, course=course, imported_by=superuser)  # two pages of 7
    ImportBatchFactory(
        course=course,
        imported_by=None,
        status="undone",
        undone_at=course.created_at,
        undone_by=superuser,
    )
    revoked, corrected, plain = (
        CertificateFactory(enrolment__course=course, issued_by=ministry) for _ in range(3)
    )
    certificate_revoke(certificate=revoked, reason="Issued in error.", user=UserFactory())
    certificate_supersede(
        certificate=corrected,
        reason="Name misspelt.",
        corrections={"holder_name": "ZZ-CORRECTED Name"},
        user=superuser,
    )
    return plain


def _both(client, monkeypatch, viewset, url: str):
    plain = client.get(url)
    with monkeypatch.context() as patched:
        patched.setattr(viewset, "plain_list", False)
        serialized = client.get(url)
    return plain, serialized


def _difference(plain, serialized) -> str | None:
    """How the plain answer differs from the serializer's; None when they are the same."""
    if not plain.status_code == serialized.status_code == 200:
        return f"status {plain.status_code} / {serialized.status_code}: {plain.content[:300]!r}"
    if plain["Content-Type"] != serialized["Content-Type"]:
        return f"Content-Type {plain['Content-Type']} / {serialized['Content-Type']}"
    if plain["Content-Type"].startswith("application/json"):
        same = plain.json() == serialized.json()
    else:
        same = plain.content == serialized.content
    return None if same else f"bodies differ: {plain.content[:300]!r}"


def test_every_plain_list_is_named_here():
    registered = {
        prefix
        for urlconf in API_URLCONFS
        for prefix, viewset, _name in urlconf.router.registry
        if issubclass(viewset, PlainListMixin)
    }
    assert registered == set(PLAIN_LISTS)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        (name, role)
        for name in sorted(PLAIN_LISTS)
        for role in ["superuser", "viewer", *(["anonymous"] if name in PUBLIC else [])]
    ],
)
def test_a_plain_list_answers_what_its_serializer_answers(
    register, api_client_for, monkeypatch, name, role
):
    client = api_client_for(role)
    viewset = PLAIN_LISTS[name]
    for query in QUERIES + LIST_QUERIES[name]:
        plain, serialized = _both(client, monkeypatch, viewset, f"/api/v1/{name}/{query}")
        assert _difference(plain, serialized) is None, query


@pytest.mark.parametrize("name", sorted(CURSORS))
def test_a_plain_list_follows_its_cursor_as_the_serializer_does(
    register, api_client_for, monkeypatch, name
):
    client = api_client_for("superuser")
    viewset = PLAIN_LISTS[name]
    url = f"/api/v1/{name}/?cursor=&page_size=9"
    for _page in range(3):
        plain, serialized = _both(client, monkeypatch, viewset, url)
        assert _difference(plain, serialized) is None, url
        url = plain.json()["next"]
        assert url, "the register holds more than three pages of nine"
    previous = plain.json()["previous"]
    assert _difference(*_both(client, monkeypatch, viewset, previous)) is None, previous


def test_the_compared_records_reach_the_corners(register, api_client_for):
    client = api_client_for("superuser")
    certificates = client.get("/api/v1/certificates/?page_size=100").json()["results"]
    enrolments = client.get("/api/v1/enrolments/?year=1994").json()["results"]
    merged = client.get("/api/v1/people/?merged=true").json()["results"]
    courses = client.get("/api/v1/courses/?page_size=100").json()["results"]
    public_courses = api_client_for("anonymous").get("/api/v1/courses/").json()["results"]
    organisations = client.get("/api/v1/organisations/?page_size=100").json()["results"]
    programmes = client.get("/api/v1/programmes/?page_size=100").json()["results"]
    sources = client.get("/api/v1/sources/?page_size=100").json()["results"]
    trainers = client.get("/api/v1/trainers/?page_size=100").json()["results"]
    batches = client.get("/api/v1/import-batches/?page_size=100").json()["results"]

    assert {row["status"] for row in certificates} >= {"valid", "revoked", "superseded"}
    assert any(row["revoked_by"] for row in certificates)
    assert any(row["superseded_by"] for row in certificates)
    assert any(row["supersedes"] for row in certificates)
    assert any(row["enrolment"]["course"]["end"] is None for row in certificates)
    assert any(row["certificate"] is None for row in enrolments)
    assert any(row["course"]["start"] == "1994" for row in enrolments)
    assert merged and merged[0]["merged_into"] is not None
    assert any(row["trainers"] for row in courses)
    assert any(row["parts"] == [] and row["sources"] == [] for row in courses)
    assert any(source["publisher"] is None for row in courses for source in row["sources"])
    assert all(row["trainers"] is None for row in public_courses)
    assert {row["parent"] is None for row in organisations} == {True, False}
    assert any(row["sources"] for row in programmes) and any(
        row["course_count"] for row in programmes
    )
    assert any(row["programmes"] for row in sources) and any(row["courses"] for row in sources)
    assert any(row["reported_from"] for row in sources)
    assert {row["affiliation"] is None for row in trainers} == {True, False}
    assert any(row["assignment_count"] for row in trainers)
    assert {row["status"] for row in batches} == {"applied", "undone"}


@pytest.mark.parametrize("name", sorted(set(PLAIN_LISTS) - PUBLIC))
def test_a_plain_list_stays_closed_to_anonymous_users(register, api_client_for, name):
    response = api_client_for("anonymous").get(f"/api/v1/{name}/")

    assert response.status_code == 401


@pytest.mark.parametrize("name", sorted(PLAIN_LISTS))
def test_a_plain_list_shows_in_the_browsable_api(register, api_client_for, name):
    response = api_client_for("superuser").get(f"/api/v1/{name}/?format=api&page_size=3")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"&quot;count&quot;: " in response.content
