import csv
import io

import pytest

from apps.organisations.models import Organisation
from apps.programmes.models import Programme, ProgrammeKind, ProgrammeStatus
from tests.factories import CourseFactory, OrganisationFactory, ProgrammeFactory, SourceFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/programmes/"
SEED_SLUG = "ipcp-2026-azerbaijan-nato"


def detail(programme: Programme) -> str:
    return f"{LIST}{programme.pk}/"


def payload(slug: str, **changes: object) -> dict[str, object]:
    """A valid programme between two new organisations."""
    return {
        "slug": slug,
        "kind": ProgrammeKind.IPCP,
        "title_en": "Cooperation programme",
        "partner": OrganisationFactory().pk,
        "nato_side": OrganisationFactory().pk,
        "start_year": 2026,
        "end_year": 2027,
        "status": ProgrammeStatus.DRAFT,
        **changes,
    }


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
def test_programmes_are_public_to_read_and_need_permissions_to_write(
    api_client_for, role, read, create, update, delete
):
    client = api_client_for(role)
    programme = ProgrammeFactory(title_en="Before")

    assert client.get(LIST).status_code == read
    assert client.get(detail(programme)).status_code == read
    assert client.post(LIST, payload(f"new-{role}")).status_code == create
    assert client.patch(detail(programme), {"title_en": "Patched"}).status_code == update
    assert client.put(detail(programme), payload("put", title_en="Put")).status_code == update
    assert client.delete(detail(programme)).status_code == delete
    assert Programme.objects.filter(slug=f"new-{role}").exists() == (create == 201)
    assert Programme.objects.filter(pk=programme.pk).exists() == (delete != 204)
    if delete != 204:
        assert Programme.objects.get(pk=programme.pk).title_en == (
            "Put" if update == 200 else "Before"
        )


def test_the_seed_programme_is_found_by_search_with_its_sides_courses_and_sources(api_client, seed):
    response = api_client.get(f"{LIST}?search=IPCP")

    assert response.status_code == 200
    [body] = response.json()["results"]
    assert body["slug"] == SEED_SLUG
    assert body["kind"] == "ipcp"
    assert (body["start_year"], body["end_year"], body["status"]) == (2026, 2026, "in_force")
    assert body["partner"]["slug"] == "azerbaijan-mod"
    assert body["nato_side"] == {
        "id": Organisation.objects.get(slug="nato").pk,
        "slug": "nato",
        "name": "North Atlantic Treaty Organization",
        "acronym": "NATO",
    }
    assert body["course_count"] == 1
    assert [source["slug"] for source in body["sources"]] == [
        "french-press-report-logistics-planning-2026",
        "nova-report-logistics-planning-2026",
        "trend-report-logistics-planning-2026",
    ]
    assert body["sources"][1]["publisher"]["slug"] == "agenzia-nova"


def test_the_seed_programme_is_in_force_in_2026_only(slugs, seed):
    assert slugs("year=2026") == [SEED_SLUG]
    assert slugs("year=2025") == []
    assert slugs("year=2027") == []


@pytest.mark.parametrize(
    ("headers", "query", "expected"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "fr"}, "", "fr"),
        ({}, "?lang=fr", "fr"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr"}, "?lang=en", "en"),
        ({}, "", "en"),
    ],
)
def test_a_programme_speaks_the_language_asked_for_and_gives_both(
    api_client, seed, headers, query, expected
):
    programme = Programme.objects.get(slug=SEED_SLUG)

    body = api_client.get(f"{detail(programme)}{query}", **headers).json()

    assert body["title"] == getattr(programme, f"title_{expected}")
    assert body["description"] == getattr(programme, f"description_{expected}")
    assert body["title_en"].startswith("Individual Partnership Cooperation Programme (IPCP)")
    assert body["title_fr"].startswith("Programme de coopération de partenariat individuel")


def test_french_titles_in_the_list(api_client, seed):
    body = api_client.get(f"{LIST}?lang=fr").json()

    assert body["results"][0]["title"].startswith("Programme de coopération")
    assert body["results"][0]["partner"]["name"] == "Ministère de la Défense de l'Azerbaïdjan"


def test_a_registrar_creates_a_programme_and_sees_it_in_full(api_client_for):
    data = payload("ipcp-2027", title_fr="Programme 2027", description_en="What it covers.")

    response = api_client_for("registrar").post(LIST, data)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["partner"]["id"] == data["partner"]
    assert (body["course_count"], body["sources"]) == (0, [])
    programme = Programme.objects.get(slug="ipcp-2027")
    assert (programme.partner_id, programme.nato_side_id) == (data["partner"], data["nato_side"])
    assert programme.title_fr == "Programme 2027"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_year": 2025}, "end_year"),
        ({"start_year": 1900}, "start_year"),
        ({"end_year": 2101}, "end_year"),
        ({"start_year": "soon"}, "start_year"),
        ({"start_year": 10**30}, "start_year"),
        ({"kind": "alliance"}, "kind"),
        ({"status": "forgotten"}, "status"),
        ({"partner": "azerbaijan-mod"}, "partner"),
        ({"partner": 10**30}, "partner"),
        ({"partner": None}, "partner"),
        ({"title_en": ["IPCP"]}, "title_en"),
        ({"title_en": ""}, "title_en"),
        ({"slug": "not a slug"}, "slug"),
        ({"slug": SEED_SLUG}, "slug"),
    ],
)
def test_invalid_programmes_are_refused_field_by_field(api_client_for, seed, changes, field):
    before = Programme.objects.count()

    response = api_client_for("registrar").post(LIST, {**payload("new"), **changes})

    assert response.status_code == 400
    assert field in response.json()
    assert Programme.objects.count() == before


def test_a_programme_needs_two_different_sides(api_client_for):
    programme = ProgrammeFactory()

    response = api_client_for("registrar").patch(
        detail(programme), {"nato_side": programme.partner_id}
    )

    assert response.status_code == 400
    assert "nato_side" in response.json()
    programme.refresh_from_db()
    assert programme.nato_side_id != programme.partner_id


def test_a_malformed_body_is_a_clear_400(api_client_for):
    response = api_client_for("registrar").generic(
        "POST", LIST, "{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert "detail" in response.json()
    assert not Programme.objects.exists()


def test_deleting_a_programme_with_courses_is_a_conflict(api_client_for):
    course = CourseFactory()

    response = api_client_for("superuser").delete(detail(course.programme))

    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert Programme.objects.filter(pk=course.programme_id).exists()


def test_deleting_a_programme_that_sources_support_is_a_conflict(api_client_for):
    programme = ProgrammeFactory()
    SourceFactory().programmes.add(programme)

    response = api_client_for("superuser").delete(detail(programme))

    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert programme.sources.count() == 1


def test_programmes_filter_by_kind_status_sides_country_and_years(slugs):
    azerbaijan = OrganisationFactory(slug="az-mod", country="AZ", name_en="Azerbaijan MoD")
    georgia = OrganisationFactory(slug="ge-mod", country="GE", name_en="Georgia MoD")
    nato = OrganisationFactory(slug="nato")
    ProgrammeFactory(
        slug="az-2024",
        partner=azerbaijan,
        nato_side=nato,
        start_year=2024,
        end_year=2026,
        kind=ProgrammeKind.IPAP,
    )
    ProgrammeFactory(
        slug="az-2027",
        partner=azerbaijan,
        start_year=2027,
        end_year=2028,
        status=ProgrammeStatus.DRAFT,
    )
    ProgrammeFactory(
        slug="ge-2020",
        partner=georgia,
        nato_side=nato,
        start_year=2020,
        end_year=2021,
        kind=ProgrammeKind.PARP,
        status=ProgrammeStatus.COMPLETED,
    )

    assert slugs("kind=ipap&kind=parp&ordering=slug") == ["az-2024", "ge-2020"]
    assert slugs("status=draft&status=completed&ordering=slug") == ["az-2027", "ge-2020"]
    assert slugs(f"partner={georgia.pk}") == ["ge-2020"]
    assert slugs("partner_slug=az-mod&ordering=start_year") == ["az-2024", "az-2027"]
    assert slugs("partner_country=GE") == ["ge-2020"]
    assert slugs(f"nato_side={nato.pk}&ordering=slug") == ["az-2024", "ge-2020"]
    assert slugs("nato_side_slug=nato&ordering=slug") == ["az-2024", "ge-2020"]
    assert slugs("year=2025") == ["az-2024"]
    assert slugs("year=2024&partner_slug=ge-mod") == []
    assert slugs("start_year_after=2024&ordering=start_year") == ["az-2024", "az-2027"]
    assert slugs("start_year_before=2024&ordering=start_year") == ["ge-2020", "az-2024"]
    assert slugs("search=georgia") == ["ge-2020"]


def test_programmes_search_both_languages(slugs):
    ProgrammeFactory(slug="one", title_en="Logistics", title_fr="Logistique")
    ProgrammeFactory(slug="two", title_en="Medical support", title_fr="Soutien médical")

    assert slugs("search=logistique") == ["one"]
    assert slugs("search=medical") == ["two"]
    assert slugs("search=TWO") == ["two"]


def test_programmes_order_by_years_title_kind_and_course_count(slugs):
    ProgrammeFactory(slug="b", title_en="B", start_year=2020, end_year=2030, kind="parp")
    ProgrammeFactory(slug="a", title_en="A", start_year=2022, end_year=2023, kind="ipap")
    busy = ProgrammeFactory(slug="c", title_en="C", start_year=2021, end_year=2021, kind="itpp")
    CourseFactory.create_batch(2, programme=busy)

    assert slugs("") == ["a", "c", "b"]  # the newest first
    assert slugs("ordering=start_year") == ["b", "c", "a"]
    assert slugs("ordering=-end_year") == ["b", "a", "c"]
    assert slugs("ordering=title_en") == ["a", "b", "c"]
    assert slugs("ordering=kind") == ["a", "c", "b"]
    assert slugs("ordering=-course_count,slug") == ["c", "a", "b"]


@pytest.mark.parametrize(
    "query",
    [
        "kind=empire",
        "status=forgotten",
        f"partner={10**30}",
        "partner=abc",
        f"nato_side={10**30}",
        "year=0",
        "year=-2026",
        "year=10000",
        f"year={10**30}",
        "year=2026.5",
        "year=soon",
        "start_year_after=0",
        f"start_year_before={10**30}",
        "search=a%00b",
        "page_size=101",
    ],
)
def test_bad_query_values_are_a_clear_400(api_client, seed, query):
    response = api_client.get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_programmes_export_as_csv_with_their_sides_and_sources(api_client, seed):
    response = api_client.get(f"{LIST}?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(row)[:5] == ["id", "slug", "kind", "title", "title_en"]
    assert (row["slug"], row["start_year"], row["course_count"]) == (SEED_SLUG, "2026", "1")
    assert (row["partner.slug"], row["nato_side.slug"]) == ("azerbaijan-mod", "nato")
    assert row["sources.publisher.slug"].split("; ")[2] == "trend"


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_list_runs_a_constant_number_of_queries(
    api_client, django_assert_num_queries, page_size
):
    partner, nato = OrganisationFactory(), OrganisationFactory()
    publisher = OrganisationFactory()
    for programme in ProgrammeFactory.create_batch(110, partner=partner, nato_side=nato):
        CourseFactory(programme=programme)
        SourceFactory(publisher=publisher).programmes.add(programme)

    # the count, the page with both sides and its course counts, the sources with publishers
    with django_assert_num_queries(3):
        response = api_client.get(f"{LIST}?page_size={page_size}")

    assert len(response.json()["results"]) == page_size
    assert response.json()["results"][0]["course_count"] == 1
    assert len(response.json()["results"][0]["sources"]) == 1
