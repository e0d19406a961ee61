import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from apps.enrolments.models import Enrolment
from apps.imports.models import ImportBatch
from apps.people.models import Person
from tests.imports.conftest import DATA


def import_url(course) -> str:
    return f"/api/v1/courses/{course.pk}/enrolments/import/"


def nomination() -> SimpleUploadedFile:
    return SimpleUploadedFile("nomination_baku.csv", (DATA / "nomination_baku.csv").read_bytes())


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 401), ("viewer", 403), ("registrar", 201), ("superuser", 201)],
)
def test_who_may_import_enrolments(api_client_for, course, role, expected):
    response = api_client_for(role).post(
        import_url(course), {"file": nomination()}, format="multipart"
    )

    assert response.status_code == expected
    assert Enrolment.objects.count() == (30 if expected == 201 else 0)


def test_an_applied_import_answers_the_report_with_its_batch(api_client_for, course):
    response = api_client_for("registrar").post(
        import_url(course), {"file": nomination()}, format="multipart"
    )

    body = response.json()
    assert body["batch"] == ImportBatch.objects.get().pk and body["applied"] is True
    assert body["counts"]["people_created"] == 30
    assert body["rows"][0]["row"] == 2 and body["rows"][0]["outcome"] == "new person, new enrolment"


def test_a_dry_run_answers_200_and_writes_nothing(api_client_for, course):
    response = api_client_for("registrar").post(
        import_url(course), {"file": nomination(), "dry_run": "true"}, format="multipart"
    )

    assert response.status_code == 200 and response.json()["dry_run"] is True
    assert Person.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_a_refused_file_answers_400_with_every_error(api_client_for, course):
    bad = SimpleUploadedFile("bad.csv", (DATA / "bad_input.csv").read_bytes())

    response = api_client_for("registrar").post(
        import_url(course), {"file": bad}, format="multipart"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["refused"] is True and len(body["errors"]) >= 15
    assert {"row", "column", "message", "code"} <= set(body["errors"][0])
    assert Person.objects.count() == 0


def test_a_probable_match_is_accepted_by_row_number(api_client_for, course):
    from tests.factories import PersonFactory

    PersonFactory(family_name="Məmmədov", given_names="Elvin", nationality="AZ")
    content = b"nom;prenoms;nationalite\nMammadov;Elvin;AZ\n"
    client = api_client_for("registrar")

    refused = client.post(
        import_url(course), {"file": SimpleUploadedFile("a.csv", content)}, format="multipart"
    )
    accepted = client.post(
        import_url(course),
        {"file": SimpleUploadedFile("a.csv", content), "accept_matches": "2"},
        format="multipart",
    )

    assert refused.status_code == 400
    assert refused.json()["errors"][0]["code"] == "probable_match"
    assert accepted.status_code == 201 and Person.objects.count() == 1


def test_a_file_over_the_limit_is_answered_413(api_client_for, course, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("big.csv", b"family name\n" + b"Aliyev\n" * 50)

    response = api_client_for("registrar").post(
        import_url(course), {"file": big}, format="multipart"
    )

    assert response.status_code == 413
    assert "100 bytes" in response.json()["detail"]
    assert Person.objects.count() == 0


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_names_each_column_in_both_languages(api_client_for, file_format):
    response = api_client_for("viewer").get(f"/api/v1/enrolments/import-template.{file_format}")

    assert response.status_code == 200
    if file_format == "csv":
        header = response.content.decode("utf-8-sig").splitlines()[0]
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        header = ",".join(cell.value for cell in sheet[1])
    assert header.startswith("uid,family name / nom,given names / prénoms")


def test_the_template_needs_a_login(api_client):
    assert api_client.get("/api/v1/enrolments/import-template.csv").status_code == 401


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_course_imports_back_as_a_no_op(api_client_for, course, file_format):
    client = api_client_for("registrar")
    client.post(import_url(course), {"file": nomination()}, format="multipart")
    client.post(
        import_url(course),
        {"file": SimpleUploadedFile("a.csv", (DATA / "attendance_baku.csv").read_bytes())},
        format="multipart",
    )
    history = Person.history.count() + Enrolment.history.count()

    exported = client.get(f"/api/v1/courses/{course.pk}/enrolments.{file_format}")
    again = client.post(
        import_url(course),
        {"file": SimpleUploadedFile(f"export.{file_format}", exported.content)},
        format="multipart",
    )

    assert exported.status_code == 200
    assert again.status_code == 201, again.json()["errors"]
    assert again.json()["counts"]["unchanged"] == 30
    assert Person.history.count() + Enrolment.history.count() == history


def test_the_command_imports_and_exits_non_zero_on_a_refusal(course, capsys):
    call_command("import_enrolments", course.slug, str(DATA / "nomination_baku.csv"), "--dry-run")
    assert "dry run: nothing was written" in capsys.readouterr().out
    assert Person.objects.count() == 0

    call_command("import_enrolments", str(course.pk), str(DATA / "nomination_baku.csv"))
    assert Enrolment.objects.count() == 30

    with pytest.raises(CommandError, match="Refused"):
        call_command("import_enrolments", course.slug, str(DATA / "bad_input.csv"))
    out = capsys.readouterr().out
    assert "ERROR row 3, column status / statut" in out
