"""Imports in French: the admin's pages, the report's row errors, the commands' output."""

from html import unescape
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from apps.enrolments.models import Enrolment
from apps.imports.models import ImportBatch
from apps.people.models import Person
from tests.imports.conftest import DATA, submit_form

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}
NBSP = "\u00a0"
# A date that does not exist, and a status nobody writes: two refused cells.
BAD_ROWS = (
    "nom,prénoms,statut,date d'achèvement\n"
    "Rzayev,Samir,completed,31/02/2026\n"
    "Quliyev,Anar,graduated,\n"
).encode()


NOMINATION = (DATA / "nomination_baku.csv").read_bytes()


def upload_url(course) -> str:
    return reverse("admin:courses_course_import_participants", args=[course.pk])


def test_the_upload_page_explains_the_columns_in_french(registrar_client, course):
    response = registrar_client.get(upload_url(course), **FRENCH)

    content = unescape(response.content.decode())
    for text in (
        "Importer des participants",
        "Feuille de calcul",
        "Ce qu’elle contient",
        "Obligatoire sauf si l’UID est indiqué.",
        "désigné, confirmé, présent, achevé, retiré, non validé",
    ):
        assert text in content, text


def test_the_upload_page_names_each_column_in_french_first_and_marks_the_english_name(
    registrar_client, course
):
    french = unescape(registrar_client.get(upload_url(course), **FRENCH).content.decode())
    english = unescape(registrar_client.get(upload_url(course)).content.decode())

    # A file may name its columns in either language: both names stay, the reader's first.
    assert '<span lang="fr">nom</span> / <span lang="en">family name</span>' in french
    assert '<span lang="en">family name</span> / <span lang="fr">nom</span>' in english


def test_the_preview_of_a_refused_file_lists_its_errors_in_french(registrar_client, course):
    response = registrar_client.post(
        upload_url(course), {"file": SimpleUploadedFile("bad.csv", BAD_ROWS)}, **FRENCH
    )

    content = unescape(response.content.decode())
    assert "Ce fichier est refusé" + NBSP + ": 2 erreurs" in content
    assert "«" + NBSP + "31/02/2026" + NBSP + "» n’est pas une date" in content
    assert "n’est pas une valeur connue pour la colonne statut" in content
    assert Person.objects.count() == 0


def test_a_confirmed_import_says_what_it_did_in_french(registrar_client, course, settings):
    registrar_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    previewed = registrar_client.post(
        upload_url(course), {"file": SimpleUploadedFile("nomination.csv", NOMINATION)}
    )

    response = submit_form(registrar_client, previewed.content.decode(), "import-confirm")

    batch = ImportBatch.objects.get()
    message = unescape(registrar_client.get(response.url).content.decode())
    assert "«" + NBSP + "nomination.csv" + NBSP + "» importé dans " in message
    assert f'sous le <a href="/admin/imports/importbatch/{batch.pk}/change/">lot' in message
    assert ": 30 nouvelles personnes, 0 personnes reconnues, 30 nouvelles inscriptions" in message


def test_a_refused_import_answers_its_row_errors_in_french(api_client_for, course):
    response = api_client_for("registrar").post(
        f"/api/v1/courses/{course.pk}/enrolments/import/",
        {"file": SimpleUploadedFile("bad.csv", BAD_ROWS)},
        format="multipart",
        **FRENCH,
    )

    assert response.status_code == 400
    errors = {(error["row"], error["code"]): error for error in response.json()["errors"]}
    date_error = errors[2, "invalid_date"]
    assert date_error["column"] == "completion date / date d'achèvement"
    assert date_error["message"] == (
        "«" + NBSP + "31/02/2026" + NBSP + "» n’est pas une date" + NBSP + ": écrivez-la "
        "AAAA-MM-JJ ou JJ/MM/AAAA."
    )
    assert errors[3, "unknown_status"]["message"].startswith("«" + NBSP + "graduated" + NBSP + "»")
    assert Person.objects.count() == 0 and Enrolment.objects.count() == 0


def test_a_refused_import_answers_in_english_by_default(api_client_for, course):
    response = api_client_for("registrar").post(
        f"/api/v1/courses/{course.pk}/enrolments/import/",
        {"file": SimpleUploadedFile("bad.csv", BAD_ROWS)},
        format="multipart",
    )

    messages = [error["message"] for error in response.json()["errors"]]
    assert "“31/02/2026” is not a date: write it YYYY-MM-DD or DD/MM/YYYY." in messages


@pytest.mark.django_db
def test_the_import_command_reports_in_french(course, tmp_path):
    out = StringIO()
    with translation.override("fr"):
        call_command(
            "import_enrolments", course.slug, str(DATA / "nomination_baku.csv"), stdout=out
        )

    output = out.getvalue()
    batch = ImportBatch.objects.get()
    assert f"appliqué sous le lot d’importation {batch.pk}" in output
    assert "30 lignes" + NBSP + ": 30 nouvelles personnes" in output
    assert "ligne 2" + NBSP + ": " in output and "nouvelle personne, nouvelle inscription" in output


@pytest.mark.django_db
def test_a_refused_import_command_says_why_in_french(course, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_ROWS)
    out = StringIO()

    with translation.override("fr"), pytest.raises(CommandError) as refused:
        call_command("import_enrolments", course.slug, str(bad), stdout=out)

    assert str(refused.value) == "Refusé" + NBSP + ": 2 erreurs ; rien n’a été enregistré.".replace(
        " ;", NBSP + ";"
    )
    assert "ERREUR ligne 2, colonne completion date / date d'achèvement" + NBSP + ": " in (
        out.getvalue()
    )
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_the_undo_command_reports_in_french(course):
    with translation.override("fr"):
        call_command(
            "import_enrolments", course.slug, str(DATA / "nomination_baku.csv"), stdout=StringIO()
        )
        batch = ImportBatch.objects.get()
        out = StringIO()
        call_command("undo_import", str(batch.pk), stdout=out)

    output = out.getvalue()
    assert "supprimé" + NBSP + ": Inscription «" + NBSP in output
    assert f"Lot d’importation {batch.pk} annulé." in output
    assert "personnes supprimées" + NBSP + ": 30" in output
    assert Person.objects.count() == 0
