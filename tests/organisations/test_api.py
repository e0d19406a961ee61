import csv
import io

import pytest
from rest_framework import status

from apps.organisations.models import Organisation, OrganisationKind
from tests.factories import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/organisations/"


def detail(organisation: Organisation) -> str:
    return f"{LIST}{organisation.pk}/"


@pytest.mark.parametrize(
    ("role", "read", "create", "update", "delete"),
    [
        ("anonymous", 200, 401, 401, 401),
        ("viewer", 200, 403, 403, 403),
        ("registrar", 200, 201, 200, 403),
        ("superuser", 200, 201, 200, 204),
    ],
)
def test_organisations_are_public_to_read_and_need_permissions_to_write(
    api_client_for, role, read, create, update, delete
):
    client = api_client_for(role)
    organisation = OrganisationFactory()
    payload = {"slug": f"new-{role}", "name_en": "New body", "kind": OrganisationKind.OTHER}

    assert client.get(LIST).status_code == read
    assert client.get(detail(organisation)).status_code == read
    assert client.post(LIST, payload).status_code == create
    assert client.patch(detail(organisation), {"acronym": "NB"}).status_code == update
    assert client.put(detail(organisation), {**payload, "slug": "put"}).status_code == update
    assert client.delete(detail(organisation)).status_code == delete
    assert Organisation.objects.filter(pk=organisation.pk).exists() == (delete != 204)
    assert Organisation.objects.filter(slug=f"new-{role}").exists() == (create == 201)


def test_an_anonymous_write_is_told_to_authenticate(api_client):
    response = api_client.post(LIST, {"slug": "x", "name_en": "X", "kind": "other"})

    assert response.status_code == status.HTTP_401_UNAUTHORIZED
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_an_organisation_shows_its_parent_in_short_and_both_languages(api_client, seed):
    team = Organisation.objects.get(slug="nato-mtt-jfc-brunssum")

    body = api_client.get(detail(team), HTTP_ACCEPT_LANGUAGE="fr").json()

    assert body["slug"] == "nato-mtt-jfc-brunssum"
    assert body["name"] == team.name_fr
    assert body["name_en"] == "NATO Mobile Training Team of JFC Brunssum"
    assert body["parent"] == {
        "id": team.parent.pk,
        "slug": "jfc-brunssum",
        "name": "Commandement des forces interarmées de l'OTAN à Brunssum",
        "acronym": "JFCBS",
    }


def test_lang_parameter_overrides_accept_language(api_client, seed):
    nato = Organisation.objects.get(slug="nato")

    body = api_client.get(f"{detail(nato)}?lang=en", HTTP_ACCEPT_LANGUAGE="fr").json()

    assert body["name"] == "North Atlantic Treaty Organization"


def test_a_registrar_creates_an_organisation_under_a_parent(api_client_for, seed):
    jfc = Organisation.objects.get(slug="jfc-brunssum")

    response = api_client_for("registrar").post(
        LIST,
        {
            "slug": "jfc-bs-mtt-2",
            "name_en": "Second team",
            "kind": "training_team",
            "parent": jfc.pk,
        },
    )

    assert response.status_code == 201, response.json()
    assert response.json()["parent"]["slug"] == "jfc-brunssum"
    assert Organisation.objects.get(slug="jfc-bs-mtt-2").parent == jfc


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"slug": "x", "name_en": "X", "kind": "empire"}, "kind"),
        ({"slug": "x", "name_en": "X", "kind": "other", "country": "XX"}, "country"),
        ({"slug": "x", "name_en": "X", "kind": "other", "parent": "nato"}, "parent"),
        ({"slug": "x", "name_en": "X", "kind": "other", "parent": 10**30}, "parent"),
        ({"slug": "x", "name_en": ["X"], "kind": "other"}, "name_en"),
        ({"slug": "nato", "name_en": "X", "kind": "other"}, "slug"),
        ({"name_en": "X", "kind": "other"}, "slug"),
    ],
)
def test_invalid_organisations_are_refused_field_by_field(api_client_for, seed, payload, field):
    before = Organisation.objects.count()

    response = api_client_for("registrar").post(LIST, payload)

    assert response.status_code == 400
    assert field in response.json()
    assert Organisation.objects.count() == before


def test_an_organisation_cannot_be_made_its_own_ancestor(api_client_for, seed):
    nato = Organisation.objects.get(slug="nato")
    team = Organisation.objects.get(slug="nato-mtt-jfc-brunssum")

    response = api_client_for("registrar").patch(detail(nato), {"parent": team.pk})

    assert response.status_code == 400
    assert "parent" in response.json()
    nato.refresh_from_db()
    assert nato.parent is None


def test_deleting_an_organisation_that_records_rest_on_is_a_conflict(api_client_for):
    programme = ProgrammeFactory()

    response = api_client_for("superuser").delete(detail(programme.partner))

    assert response.status_code == 409
    assert "cannot be deleted" in response.json()["detail"]
    assert Organisation.objects.filter(pk=programme.partner.pk).exists()


def test_organisations_filter_by_kind_country_and_parent(api_client, seed):
    jfc = Organisation.objects.get(slug="jfc-brunssum")

    def slugs(query: str) -> list[str]:
        response = api_client.get(f"{LIST}?{query}")
        assert response.status_code == 200
        return [row["slug"] for row in response.json()["results"]]

    assert slugs("kind=news_agency") == ["agenzia-nova", "trend"]
    assert slugs("country=AZ&ordering=slug") == ["azerbaijan-mod", "trend"]
    assert slugs(f"parent={jfc.pk}") == ["nato-mtt-jfc-brunssum"]
    assert slugs("parent_slug=nato") == ["jfc-brunssum"]
    assert slugs("search=Brunssum&ordering=-name_en") == [
        "nato-mtt-jfc-brunssum",
        "jfc-brunssum",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "kind=empire",
        f"parent={10**30}",
        "parent=abc",
        "page_size=101",
        "page_size=0",
        "search=a%00b",
    ],
)
def test_bad_query_values_are_a_clear_400(api_client, seed, query):
    response = api_client.get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()


def test_organisations_export_as_csv(api_client, seed):
    response = api_client.get(f"{LIST}?format=csv&ordering=slug&page_size=3")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["slug"] for row in rows] == ["agenzia-nova", "azerbaijan-mod", "jfc-brunssum"]
    assert list(rows[0])[:8] == [
        "id",
        "slug",
        "name",
        "name_en",
        "name_fr",
        "acronym",
        "kind",
        "country",
    ]
    assert rows[0]["country"] == "IT"
    assert (rows[0]["parent.slug"], rows[2]["parent.slug"]) == ("", "nato")
    assert "parent" not in rows[0]


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_list_runs_a_constant_number_of_queries(
    api_client, django_assert_num_queries, page_size
):
    parent = OrganisationFactory()
    OrganisationFactory.create_batch(120, parent=parent)

    with django_assert_num_queries(2):  # the count, then the page with its parents joined
        response = api_client.get(f"{LIST}?page_size={page_size}")

    assert len(response.json()["results"]) == page_size


def test_an_empty_csv_export_still_has_its_header_row(api_client, seed):
    response = api_client.get(f"{LIST}?format=csv&kind=ministry&country=FR")

    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines() == [
        "id,slug,name,name_en,name_fr,acronym,kind,country,parent.id,parent.slug,parent.name,"
        "parent.acronym,website,serial_prefix,created_at,updated_at"
    ]
