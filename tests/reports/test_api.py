import io

import pytest
from django.contrib.auth.models import Permission
from drf_spectacular.generators import SchemaGenerator
from openpyxl import load_workbook

from apps.reports.selectors import ReportFilters, programme_figures
from tests.factories import UserFactory, api_token_for
from tests.reports.test_admin import pdf_text

pytestmark = pytest.mark.django_db

FIGURES = "/api/v1/reports/programme-figures/"
TRAINED = "/api/v1/reports/participants-trained/"
CERTIFICATES = "/api/v1/reports/certificates-issued/"


def _attendance(register, suffix: str = "/") -> str:
    return f"/api/v1/reports/courses/{register.courses['2026'].pk}/attendance{suffix}"


ENDPOINTS = {
    "figures": lambda register: FIGURES,
    "trained": lambda register: TRAINED,
    "certificates": lambda register: CERTIFICATES,
    "attendance": _attendance,
    "attendance.csv": lambda register: _attendance(register, ".csv"),
    "attendance.xlsx": lambda register: _attendance(register, ".xlsx"),
    "attendance.pdf": lambda register: _attendance(register, ".pdf"),
}
# Anonymous: 401 (token authentication comes first and names its scheme). Viewers and
# registrars read the figures (the reports' permission) and the attendance lists (enrolments').
EXPECTED = {"anonymous": 401, "viewer": 200, "registrar": 200, "superuser": 200}


@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_permissions(api_client_for, register, role, endpoint):
    response = api_client_for(role).get(ENDPOINTS[endpoint](register))

    assert response.status_code == EXPECTED[role], response.content[:200]
    if EXPECTED[role] != 200:
        assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_user_without_the_permissions_gets_a_json_403(api_client, register, endpoint):
    user = UserFactory()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")

    response = api_client.get(ENDPOINTS[endpoint](register))

    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"


def test_the_reports_permission_alone_does_not_open_the_attendance_list(api_client, register):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_report"))
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")

    assert api_client.get(FIGURES).status_code == 200
    assert api_client.get(_attendance(register)).status_code == 403


def test_the_figures_are_the_selectors_rows_filtered_by_the_query(api_client_for, register):
    query = {"partner": register.partner_a.pk, "year_from": 2025, "year_to": 2026}
    filters = ReportFilters(partner_id=register.partner_a.pk, year_from=2025, year_to=2026)

    response = api_client_for("viewer").get(FIGURES, {**query, "page_size": 100})

    body = response.json()
    expected = list(programme_figures(filters))
    assert response.status_code == 200
    assert body["count"] == len(expected) > 0
    assert [(row["year"], row["programme"]) for row in body["results"]] == [
        (row["year"], row["programme_id"]) for row in expected
    ]
    for row, figures in zip(body["results"], expected, strict=True):
        assert row["partner"] == register.partner_a.pk
        assert row["certificates_issued"] == figures["certificates_issued"]
        assert row["participants_completed"] == figures["participants_completed"]


def test_an_empty_filter_is_no_filter(api_client_for, register):
    client = api_client_for("viewer")

    assert client.get(FIGURES, {"programme": ""}).json() == client.get(FIGURES).json()


@pytest.mark.parametrize(
    "query",
    [
        {"year_from": "abc"},
        {"year_from": "0"},
        {"year_to": "99999"},
        {"year_from": "2026", "year_to": "2025"},
        {"programme": "99999999999999999999999999"},
        {"partner": "-1"},
        {"issuer": "1\x00"},
    ],
)
@pytest.mark.parametrize("path", [FIGURES, TRAINED, CERTIFICATES])
def test_invalid_filters_are_a_400_naming_the_field(api_client_for, path, query):
    response = api_client_for("viewer").get(path, query)

    assert response.status_code == 400
    assert set(response.json()) <= set(query)


def test_the_year_range_error_is_in_the_language_asked_for(api_client_for):
    response = api_client_for("viewer").get(
        FIGURES, {"year_from": 2026, "year_to": 2025}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert response.json() == {
        "year_to": ["L’année de début ne peut pas être postérieure à l’année de fin."]
    }


def test_the_chart_series_as_json_and_csv(api_client_for, register):
    client = api_client_for("viewer")

    certificates = client.get(CERTIFICATES, {"issuer": register.issuer_2.pk}).json()
    csv = client.get(TRAINED, {"format": "csv"})

    assert [(row["year"], row["certificates_issued"]) for row in certificates["results"]] == [
        (2026, 3)
    ]
    assert csv.status_code == 200
    assert csv.content.decode("utf-8-sig").splitlines()[0] == (
        "year,partner,partner_name_en,partner_name_fr,participants_trained"
    )


def test_the_attendance_list_as_json(api_client_for, register):
    course = register.courses["2026"]

    body = api_client_for("viewer").get(_attendance(register)).json()

    assert body["course"] == course.pk
    assert body["nominated"] == course.enrolments.count() == len(body["participants"])
    assert body["completed"] == sum(row["completed"] for row in body["participants"]) > 0
    assert {row["status"] for row in body["participants"]} == set(
        course.enrolments.values_list("status", flat=True)
    )


def test_the_attendance_files_in_french(api_client_for, register):
    client = api_client_for("viewer")

    pdf = client.get(_attendance(register, ".pdf"), {"lang": "fr"})
    xlsx = client.get(_attendance(register, ".xlsx"), {"lang": "fr"})

    assert pdf["Content-Type"] == "application/pdf"
    assert "Liste de présence" in pdf_text(pdf.content)
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert next(sheet.iter_rows(values_only=True))[0] == "nom de famille"


@pytest.mark.parametrize("suffix", [".pdf", ".csv", ".xlsx"])
def test_a_language_not_offered_is_ignored_for_the_request_s_own(api_client_for, register, suffix):
    response = api_client_for("viewer").get(_attendance(register, suffix), {"lang": "xx"})

    assert response.status_code == 200
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize("course_id", [10**9, 2**70])
def test_an_unknown_course_is_a_json_404(api_client_for, course_id):
    response = api_client_for("viewer").get(f"/api/v1/reports/courses/{course_id}/attendance.pdf")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("path", [FIGURES, TRAINED, CERTIFICATES])
def test_a_report_runs_the_same_queries_whatever_its_size(
    api_client_for, register, django_assert_num_queries, path
):
    client = api_client_for("viewer")
    client.get(path)  # the token's user and groups, read once per request either way

    # Authentication (token, user), permissions (the user's and groups'), count, page.
    with django_assert_num_queries(5):
        first = client.get(path, {"page_size": 1})
    with django_assert_num_queries(5):
        everything = client.get(path, {"page_size": 100})

    assert first.json()["count"] == everything.json()["count"] > 1


def test_the_attendance_list_runs_a_fixed_number_of_queries(
    api_client_for, register, django_assert_num_queries
):
    client = api_client_for("viewer")

    # Authentication (token, user), permissions (the user's and groups'), course, enrolments.
    with django_assert_num_queries(5):
        response = client.get(_attendance(register))

    assert len(response.json()["participants"]) > 5


def test_the_schema_documents_the_reports_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]

    for path in (FIGURES, TRAINED, CERTIFICATES):
        operation = paths[path]["get"]
        names = {parameter["name"] for parameter in operation["parameters"]}
        assert {"year_from", "year_to", "programme", "partner", "issuer"} <= names
        assert {"200", "400", "401", "403"} <= set(operation["responses"])
    attendance = "/api/v1/reports/courses/{id}/attendance"
    content = paths[f"{attendance}/"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"application/json"}
    assert content["application/json"]["schema"]["$ref"].endswith("/Attendance")
    for suffix, media_type in [
        (".pdf", "application/pdf"),
        (".csv", "text/csv"),
        (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ]:
        operation = paths[f"{attendance}{suffix}"]["get"]
        assert media_type in operation["responses"]["200"]["content"]
        assert {"401", "403", "404"} <= set(operation["responses"])
        assert "lang" in {parameter["name"] for parameter in operation["parameters"]}


@pytest.mark.parametrize("path", [FIGURES, TRAINED, CERTIFICATES, "attendance"])
def test_the_browsable_api_shows_the_reports(admin_client, register, path):
    if path == "attendance":
        path = _attendance(register)

    response = admin_client.get(path, HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert b"<html" in response.content


def test_an_issuer_no_record_has_leaves_the_rows_with_no_certificates(api_client_for, register):
    client = api_client_for("viewer")

    rows = client.get(FIGURES, {"issuer": 987654321, "page_size": 100}).json()["results"]

    assert len(rows) == client.get(FIGURES).json()["count"]
    assert {row["certificates_issued"] for row in rows} == {0}
    assert sum(row["participants_nominated"] for row in rows) > 0
