"""The API's CSV answers, as an outside fuzzer pinned them: lists only."""

import pytest

from apps.sources.models import Source
from tests.api.contract import api_schema, assert_json_error
from tests.factories import OrganisationFactory, SourceFactory

pytestmark = pytest.mark.django_db


RESOURCES = [
    "organisations",
    "programmes",
    "courses",
    "course-parts",
    "course-trainers",
    "people",
    "trainers",
    "enrolments",
    "certificates",
    "sources",
    "import-batches",
]


def test_every_resource_documents_csv_on_its_list_and_nowhere_else():
    """CSV as a format of records is on lists only; a .csv file download is its own content."""
    spreadsheets = {
        ("get", "/api/v1/courses/{id}/enrolments.csv"),
        ("get", "/api/v1/enrolments/import-template.csv"),
        ("get", "/api/v1/reports/courses/{id}/attendance.csv"),
    }
    reports = {
        "reports/programme-figures",
        "reports/participants-trained",
        "reports/certificates-issued",
    }
    offering_csv = {
        (method, path)
        for path, operations in api_schema()["paths"].items()
        for method, operation in operations.items()
        for response in operation["responses"].values()
        if "text/csv" in response.get("content", {})
    }

    assert offering_csv - spreadsheets == {
        ("get", f"/api/v1/{resource}/") for resource in [*RESOURCES, *reports]
    }


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_a_record_asked_for_as_csv_is_a_json_404_and_nothing_changes(api_client_for, method):
    organisation = OrganisationFactory(name_en="Ministry of Defence")
    client = api_client_for("superuser")

    response = getattr(client, method)(
        f"/api/v1/organisations/{organisation.pk}/?format=csv",
        {"name_en": "Renamed"} if method in {"put", "patch"} else None,
        format="json",
    )

    assert_json_error(response, 404)
    organisation.refresh_from_db()
    assert organisation.name_en == "Ministry of Defence"


@pytest.mark.parametrize("method", ["put", "patch", "delete", "trace"])
def test_a_method_a_list_lacks_is_a_405_even_asked_for_as_csv(api_client_for, method):
    client = api_client_for("superuser")

    response = client.generic(method.upper(), "/api/v1/organisations/?format=csv")

    assert_json_error(response, 405)


def test_a_create_asked_for_as_csv_is_a_json_404_and_creates_nothing(api_client_for):
    response = api_client_for("superuser").post(
        "/api/v1/sources/?format=csv",
        {"slug": "asked-as-csv", "kind": "news", "title": "A report"},
        format="json",
    )

    assert_json_error(response, 404)
    assert not Source.objects.filter(slug="asked-as-csv").exists()


def test_a_delete_asked_for_as_csv_deletes_nothing(api_client_for):
    source = SourceFactory()

    response = api_client_for("superuser").delete(f"/api/v1/sources/{source.pk}/?format=csv")

    assert_json_error(response, 404)
    assert Source.objects.filter(pk=source.pk).exists()
