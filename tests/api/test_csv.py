"""CSV exports: one header per resource whatever the page holds, readable by Excel."""

import codecs
import csv
import io

import pytest
from django.urls import reverse

from tests.factories import (
    CertificateFactory,
    CoursePartFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    ImportBatchFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
)
from trainingdb.urls import api_resources

RESOURCES = api_resources()

pytestmark = pytest.mark.django_db

NO_MATCH = "no-record-matches-this"


@pytest.fixture
def records(seed):
    """Every resource with records, some with related records and some without."""
    completed = EnrolmentFactory(completed=True, person=PersonFactory(family_name="Əliyev"))
    CertificateFactory(enrolment=completed)
    EnrolmentFactory(course=completed.course)  # no certificate: a null nested record
    CourseTrainerFactory(course=completed.course)
    CoursePartFactory(course=completed.course)
    SourceFactory(publisher=OrganisationFactory())
    ImportBatchFactory()


def read(response) -> list[list[str]]:
    assert response.status_code == 200, response.content
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_an_empty_page_has_the_same_header_as_a_full_one(api_client_for, records, resource):
    client = api_client_for("superuser")
    url = reverse(RESOURCES[resource])

    # The reports search nothing: a programme no record has empties them.
    no_match = {"programme": 987654321} if resource.startswith("reports/") else {"search": NO_MATCH}
    full = read(client.get(url, {"format": "csv"}))
    empty = read(client.get(url, {"format": "csv", **no_match}))

    assert len(full) > 1
    assert empty == [full[0]]


@pytest.mark.parametrize("resource", sorted(RESOURCES))
def test_a_nested_record_is_always_dotted_columns_never_a_bare_one(
    api_client_for, records, resource
):
    client = api_client_for("superuser")
    url = reverse(RESOURCES[resource])

    header = read(client.get(url, {"format": "csv"}))[0]
    record = client.get(url).json()["results"][0]

    for name, value in record.items():
        nested = value[0] if isinstance(value, list) and value else value
        if isinstance(nested, dict):
            assert name not in header
            assert any(column.startswith(f"{name}.") for column in header)
    assert len(header) == len(set(header))


def test_a_null_related_record_leaves_its_columns_empty(api_client_for):
    with_certificate = CertificateFactory(serial="CSV-1").enrolment
    without = EnrolmentFactory(course=with_certificate.course)

    rows = read(
        api_client_for("viewer").get(
            "/api/v1/enrolments/", {"format": "csv", "ordering": "id", "page_size": 1}
        )
    )
    other_page = read(
        api_client_for("viewer").get(
            "/api/v1/enrolments/", {"format": "csv", "ordering": "id", "page": 2, "page_size": 1}
        )
    )

    assert rows[0] == other_page[0]
    by_id = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:] + other_page[1:]}
    assert by_id[str(with_certificate.pk)]["certificate.serial"] == "CSV-1"
    assert by_id[str(without.pk)]["certificate.serial"] == ""
    assert "certificate" not in rows[0]


def test_a_list_of_related_records_shares_one_cell_per_field(api_client, seed):
    rows = read(api_client.get("/api/v1/programmes/", {"format": "csv"}))

    [row] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert row["sources.publisher.slug"].split("; ")[2] == "trend"
    assert len(row["sources.slug"].split("; ")) == len(row["sources.publisher.slug"].split("; "))


def test_csv_starts_with_a_utf8_byte_order_mark_for_excel(api_client_for):
    PersonFactory(family_name="Əliyev", given_names="Şəhriyar")

    response = api_client_for("viewer").get("/api/v1/people/", {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(codecs.BOM_UTF8)
    assert "Əliyev" in response.content.decode("utf-8-sig")
    empty = api_client_for("viewer").get("/api/v1/people/", {"format": "csv", "search": NO_MATCH})
    assert empty.content.startswith(codecs.BOM_UTF8)


def test_cells_that_a_spreadsheet_would_run_stay_text(api_client_for):
    PersonFactory(family_name="=HYPERLINK(1)", given_names="@SUM(1)")

    rows = read(api_client_for("viewer").get("/api/v1/people/", {"format": "csv"}))

    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["family_name"] == "'=HYPERLINK(1)"
    assert row["given_names"] == "'@SUM(1)"
