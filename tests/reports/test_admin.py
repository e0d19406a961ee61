import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.enrolments.models import EnrolmentStatus
from tests.factories import (
    CertificateFactory,
    EnrolmentFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

INDEX = "/admin/reports/"


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def staff_without_reports(db):
    return UserFactory(username="staff", is_staff=True)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),  # to the admin's login
        ("viewer", 302),  # not staff: the admin is for staff
        ("staff_without_reports", 403),
        ("registrar", 200),
        ("superuser", 200),
    ],
)
def test_the_reports_page_needs_staff_and_the_reports_permission(client, request, role, expected):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = client.get(INDEX)

    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/admin/login/")


def test_the_reports_page_shows_the_figures_and_each_chart_with_its_table(
    client, registrar, register
):
    client.force_login(registrar)

    response = client.get(INDEX)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="report-figures"' in page
    assert register.partner_a.name_en in page
    assert "<td>Azerbaijan</td>" in page  # the partner nation, named
    charts = re.findall(r'<figure class="report-chart".*?</figure>', page, re.S)
    assert len(charts) == 2
    for chart in charts:
        assert '<svg xmlns="http://www.w3.org/2000/svg" class="report-chart-svg"' in chart
        assert 'role="img"' in chart and "aria-labelledby=" in chart
        assert "<title id=" in chart and "<desc id=" in chart
        assert "<rect " in chart
        assert '<table class="report-chart-table">' in chart
        assert "style=" not in chart  # the Content-Security-Policy refuses inline styles
    # The certificates' chart: issuer 2 issued 3 certificates in 2026 (one superseded).
    assert f"2026, {register.issuer_2.name_en}: 3" in charts[1]


def test_the_filters_narrow_the_figures(client, registrar, register):
    client.force_login(registrar)

    response = client.get(INDEX, {"partner": register.partner_b.pk, "year_from": 2026})

    rows = re.findall(r"<tbody>(.*?)</tbody>", response.content.decode(), re.S)[0]
    assert response.status_code == 200
    assert register.partner_b.name_en in rows
    assert register.partner_a.name_en not in rows


@pytest.mark.parametrize(
    "query",
    [
        {"year_from": "abc"},
        {"year_from": "0"},
        {"year_from": "2026", "year_to": "2025"},
        {"programme": "99999999999999999999999999"},
        {"partner": "1\x00"},
        {"issuer": "-1"},
    ],
)
def test_invalid_filters_show_a_form_error_not_a_server_error(client, registrar, query):
    client.force_login(registrar)

    response = client.get(INDEX, query)

    assert response.status_code == 400
    assert b'class="errorlist' in response.content
    assert b'id="report-figures"' not in response.content


def test_staff_with_the_permission_see_the_reports_link_in_the_header(client, registrar):
    client.force_login(registrar)

    response = client.get("/admin/")

    assert f'href="{INDEX}"'.encode() in response.content


def test_staff_without_the_permission_see_no_reports_link(client, staff_without_reports):
    staff_without_reports.user_permissions.add(
        Permission.objects.get(codename="view_course", content_type__app_label="courses")
    )
    client.force_login(staff_without_reports)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert f'href="{INDEX}"'.encode() not in response.content


def test_a_courses_page_links_to_its_attendance_list(client, registrar, register):
    course = register.courses["2026"]
    client.force_login(registrar)

    response = client.get(reverse("admin:courses_course_change", args=[course.pk]))

    assert reverse("reports:course-attendance", args=[course.pk]).encode() in response.content


def test_the_attendance_page_lists_the_participants_and_their_downloads(
    client, registrar, register
):
    course = register.courses["2026"]
    client.force_login(registrar)

    response = client.get(reverse("reports:course-attendance", args=[course.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    for family_name in course.enrolments.values_list("person__family_name", flat=True):
        assert family_name in page
    assert reverse("reports:course-attendance-pdf", args=[course.pk]) + "?lang=fr" in page


def test_the_attendance_list_needs_the_enrolments_view_permission(
    client, staff_without_reports, register
):
    staff_without_reports.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(staff_without_reports)
    course = register.courses["2026"]

    for name in ("course-attendance", "course-attendance-pdf", "course-attendance-csv"):
        assert client.get(reverse(f"reports:{name}", args=[course.pk])).status_code == 403


@pytest.mark.parametrize(
    ("language", "wording"),
    [
        ("en", ["Attendance list", "Family name", "Programme"]),
        ("fr", ["Liste de présence", "Nom de famille", "Programme", "désigné"]),
    ],
)
def test_the_attendance_pdf_is_in_the_language_asked_for(
    client, registrar, register, language, wording
):
    course = register.courses["2026"]
    client.force_login(registrar)

    response = client.get(
        reverse("reports:course-attendance-pdf", args=[course.pk]), {"lang": language}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for words in wording:
        assert words in text
    assert register.repeat_person.family_name in text
    title = course.title_fr if language == "fr" else course.title_en
    assert title in text


def test_a_language_not_offered_is_ignored_for_the_request_s_own(client, registrar, register):
    client.force_login(registrar)
    url = reverse("reports:course-attendance-csv", args=[register.courses["2026"].pk])

    response = client.get(url, {"lang": "de"}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("nom de famille")


def test_an_unknown_or_impossible_course_is_a_404(client, registrar):
    client.force_login(registrar)

    for course_id in (10**9, 2**70):
        url = reverse("reports:course-attendance-csv", args=[course_id])
        assert client.get(url).status_code == 404


@pytest.fixture
def formula_course(register):
    course = register.courses["2026"]
    person = PersonFactory(family_name='=HYPERLINK("http://evil")', given_names="+1", rank="@A")
    EnrolmentFactory(
        course=course, person=person, status=EnrolmentStatus.NOMINATED, nominated_on=None
    )
    return course


def test_the_attendance_csv_escapes_formulas(client, registrar, formula_course):
    client.force_login(registrar)

    response = client.get(
        reverse("reports:course-attendance-csv", args=[formula_course.pk]), {"lang": "fr"}
    )

    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("nom de famille,")
    assert "'=HYPERLINK" in text and "'+1" in text and "'@A" in text
    assert formula_course.enrolments.count() == len(text.strip().splitlines()) - 1


def test_the_attendance_xlsx_holds_text_not_formulas(client, registrar, formula_course):
    client.force_login(registrar)

    response = client.get(reverse("reports:course-attendance-xlsx", args=[formula_course.pk]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "family name"
    cells = [cell for row in rows for cell in row if isinstance(cell, str)]
    assert '\'=HYPERLINK("http://evil")' in cells
    assert not any(cell.startswith("=") for cell in cells)
    assert len(rows) == formula_course.enrolments.count() + 1


def test_the_reports_page_runs_the_same_queries_however_many_records(client, registrar, register):
    client.force_login(registrar)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as before:
        client.get(INDEX)
    for _ in range(3):
        CertificateFactory(enrolment__course__programme=ProgrammeFactory())

    with CaptureQueriesContext(connection) as after:
        response = client.get(INDEX)

    assert response.status_code == 200
    assert len(after) == len(before)


def test_the_attendance_page_runs_the_same_queries_however_many_participants(
    client, registrar, register
):
    course = register.courses["2026"]
    url = reverse("reports:course-attendance", args=[course.pk])
    client.force_login(registrar)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _ in range(5):
        EnrolmentFactory(course=course, person=PersonFactory(organisation=OrganisationFactory()))

    with CaptureQueriesContext(connection) as after:
        client.get(url)

    assert len(after) == len(before)
