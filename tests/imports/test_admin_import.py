"""Importing participants from a course's admin page: upload → preview → confirm."""

import base64
import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.imports.forms import TAMPERED_ERROR
from apps.imports.models import ImportBatch
from apps.imports.services import enrolments_import
from apps.people.models import Person
from tests.factories import PersonFactory, UserFactory
from tests.imports.conftest import DATA, data_file, form_in, submit_form

CONFIRM_FORM = "import-confirm"


def upload_url(course) -> str:
    return reverse("admin:courses_course_import_participants", args=[course.pk])


def confirm_url(course) -> str:
    return reverse("admin:courses_course_import_participants_confirm", args=[course.pk])


def a_file(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (DATA / name).read_bytes())


def preview(client, course, name: str, content: bytes | None = None):
    return client.post(upload_url(course), {"file": a_file(name, content)})


def history_rows() -> int:
    return Person.history.count() + Enrolment.history.count()


def test_the_course_page_leads_to_the_import(registrar_client, course):
    page = registrar_client.get(reverse("admin:courses_course_change", args=[course.pk]))

    assert f'href="{upload_url(course)}"' in page.content.decode()
    assert "Import participants" in page.content.decode()


def test_the_upload_page_explains_the_columns_and_offers_the_templates(registrar_client, course):
    page = registrar_client.get(upload_url(course)).content.decode()

    assert '>family name</span> / <span lang="fr">nom<' in page and "date de naissance" in page
    for url in (
        "/api/v1/enrolments/import-template.csv",
        "/api/v1/enrolments/import-template.xlsx",
        f"/api/v1/courses/{course.pk}/enrolments.csv",
        f"/api/v1/courses/{course.pk}/enrolments.xlsx",
    ):
        assert f'href="{url}"' in page
        assert registrar_client.get(url).status_code == 200  # the admin's login is enough


def test_the_preview_shows_every_row_and_writes_nothing(registrar_client, course):
    response = preview(registrar_client, course, "nomination_baku.csv")

    page = response.content.decode()
    assert response.status_code == 200
    assert "30 rows: 30 new people, 0 existing people matched, 30 new enrolments" in page
    assert page.count("New person") == 30 and page.count("New enrolment") == 30
    assert "Əliyev Rəşad" in page and "Гасанов Эльчин" in page and "ISMAYILOV ORKHAN" in page
    assert 'id="import-confirm"' in page
    assert (Person.objects.count(), ImportBatch.objects.count(), history_rows()) == (0, 0, 0)


def test_confirming_the_preview_imports_the_file_as_one_batch(registrar_client, registrar, course):
    previewed = preview(registrar_client, course, "nomination_baku.csv")

    response = submit_form(registrar_client, previewed.content.decode(), CONFIRM_FORM)

    assert response.status_code == 302
    assert response.url == reverse("admin:courses_course_change", args=[course.pk])
    batch = ImportBatch.objects.get()
    assert (batch.course, batch.imported_by, batch.file_name) == (
        course,
        registrar,
        "nomination_baku.csv",
    )
    assert (batch.people_created, batch.enrolments_created) == (30, 30)
    assert course.enrolments.count() == 30
    reasons = set(Enrolment.history.values_list("history_change_reason", flat=True))
    assert reasons == {batch.history_reason}
    message = registrar_client.get(response.url).content.decode()
    assert (
        f'as <a href="/admin/imports/importbatch/{batch.pk}/change/">import batch #{batch.pk}'
        in message
    )
    assert "30 new people, 0 people matched, 30 new enrolments" in message


def test_a_refused_file_shows_every_error_offers_no_confirmation_and_writes_nothing(
    registrar_client, course
):
    response = preview(registrar_client, course, "bad_input.csv")

    page = response.content.decode()
    assert "This file is refused" in page
    assert 'id="import-confirm"' not in page and 'name="content"' not in page
    report = enrolments_import(course=course, upload=data_file("bad_input.csv"), dry_run=True)
    assert len(report.errors) >= 15
    for problem in report.errors:  # every error, with its row and its column
        where = f"<td>{problem.row or 'file'}</td><td>{escape(problem.column or '—')}</td>"
        assert f"{where}<td>{escape(problem.message)}</td>" in page
    assert (Person.objects.count(), ImportBatch.objects.count()) == (0, 0)


def test_a_probable_match_refuses_unless_ticked(registrar_client, course):
    recorded = PersonFactory(family_name="Məmmədov", given_names="Elvin", nationality="AZ")
    content = "nom;prénoms;nationalité;grade\nMammadov;Elvin;AZ;Captain\n".encode()
    previewed = preview(registrar_client, course, "probable.csv", content).content.decode()
    assert "Probable match" in previewed
    assert f'href="/admin/people/person/{recorded.pk}/change/"' in previewed

    unticked = submit_form(registrar_client, previewed, CONFIRM_FORM)

    assert unticked.status_code == 400
    assert "Nothing was imported" in unticked.content.decode()
    assert "Accept the match (row 2)" in unticked.content.decode()
    assert (Person.objects.count(), Enrolment.objects.count(), ImportBatch.objects.count()) == (
        1,
        0,
        0,
    )

    ticked = submit_form(registrar_client, unticked.content.decode(), CONFIRM_FORM, tick=[2])

    assert ticked.status_code == 302
    assert Person.objects.get() == recorded
    assert Enrolment.objects.get().person == recorded
    recorded.refresh_from_db()
    assert recorded.rank == "Captain"


@pytest.mark.parametrize("tampered", ["content", "token"])
def test_a_tampered_confirmation_is_refused_and_writes_nothing(registrar_client, course, tampered):
    previewed = preview(registrar_client, course, "nomination_baku.csv").content.decode()
    _action, fields = form_in(previewed, CONFIRM_FORM)
    original = base64.urlsafe_b64decode(dict(fields)["content"])
    changes = {
        "content": base64.urlsafe_b64encode(original.replace(b"Major", b"General")).decode(),
        "token": dict(fields)["token"][:-2] + "xx",
    }

    response = submit_form(
        registrar_client, previewed, CONFIRM_FORM, **{tampered: changes[tampered]}
    )

    assert response.status_code == 400
    assert str(TAMPERED_ERROR) in response.content.decode()
    assert (Person.objects.count(), ImportBatch.objects.count()) == (0, 0)


def test_a_preview_cannot_be_confirmed_into_another_course(registrar_client, course):
    from tests.factories import CourseFactory

    other = CourseFactory()
    previewed = preview(registrar_client, course, "nomination_baku.csv").content.decode()
    _action, fields = form_in(previewed, CONFIRM_FORM)

    response = registrar_client.post(confirm_url(other), dict(fields))

    assert response.status_code == 400 and Enrolment.objects.count() == 0


def test_importing_the_same_file_again_shows_unchanged_and_writes_nothing(registrar_client, course):
    enrolments_import(course=course, upload=data_file("nomination_baku.csv"), dry_run=False)
    before = (history_rows(), ImportBatch.objects.count())

    response = preview(registrar_client, course, "nomination_baku.csv")

    page = response.content.decode()
    assert "Nothing to import: every row matches the records as they stand." in page
    assert page.count('<tr class="row-unchanged"') == 30
    assert 'id="import-confirm"' not in page
    assert (history_rows(), ImportBatch.objects.count()) == before


def test_the_attendance_preview_shows_what_changes_and_what_an_empty_cell_keeps(
    registrar_client, course
):
    enrolments_import(course=course, upload=data_file("nomination_baku.csv"), dry_run=False)

    page = preview(registrar_client, course, "attendance_baku.csv").content.decode()

    assert "6 enrolments changed" in page
    assert "Existing person" in page and "matched by same names and birth date" in page
    assert "status / statut: “nominated” → “completed”" in page
    assert "completion date / date d&#x27;achèvement: “—” → “2026-03-06”" in page
    assert "family name / nom: written “Aliyev”, kept as recorded “Əliyev”." in page
    # Qasımov withdrew: his empty result cell leaves nothing to keep; a stored result would be.
    enrolment = Enrolment.objects.get(person__family_name="Qasımov")
    enrolment.result = "Left on day 2"
    enrolment.save()
    again = preview(registrar_client, course, "attendance_baku.csv").content.decode()
    assert "result / résultat: empty in the file, “Left on day 2” is kept" in again


def test_a_file_over_the_limit_gets_a_clear_error(registrar_client, course, settings):
    settings.IMPORT_UPLOAD_MAX_BYTES = 1000

    response = preview(registrar_client, course, "nomination_baku.csv")

    assert response.status_code == 413
    assert "The file is larger than 1000\xa0bytes, the most an import reads." in (
        response.content.decode()
    )
    assert Person.objects.count() == 0


def test_a_body_declared_over_the_limit_is_refused_before_it_is_read(
    registrar_client, course, settings
):
    settings.IMPORT_UPLOAD_MAX_BYTES = 1000
    content = b"family name\n" + b"Aliyev\n" * 20_000  # 140 kB, over the multipart allowance

    response = preview(registrar_client, course, "big.csv", content)

    assert response.status_code == 413
    assert "the most an import reads" in response.content.decode()
    assert Person.objects.count() == 0


def test_the_confirmation_carries_files_larger_than_djangos_form_limit(
    registrar_client, course, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000  # the nomination list is 3 KB
    previewed = preview(registrar_client, course, "nomination_baku.csv")

    response = submit_form(registrar_client, previewed.content.decode(), CONFIRM_FORM)

    assert response.status_code == 302 and Enrolment.objects.count() == 30


def test_the_upload_and_the_confirmation_check_csrf(registrar, course):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(registrar)
    page = browser.get(upload_url(course)).content.decode()
    _action, fields = form_in(page, "import_upload_form")
    token = dict(fields)["csrfmiddlewaretoken"]

    forged = browser.post(upload_url(course), {"file": a_file("nomination_baku.csv")})
    previewed = browser.post(
        upload_url(course),
        {"file": a_file("nomination_baku.csv"), "csrfmiddlewaretoken": token},
    )
    _action, confirm_fields = form_in(previewed.content.decode(), CONFIRM_FORM)
    forged_confirmation = browser.post(
        confirm_url(course),
        {name: value for name, value in confirm_fields if name != "csrfmiddlewaretoken"},
    )

    assert forged.status_code == 403 and previewed.status_code == 200
    assert forged_confirmation.status_code == 403
    assert Enrolment.objects.count() == 0


@pytest.fixture
def staff_without_import(db):
    """Staff who may see people and enrolments, but not add or change them."""
    user = UserFactory(username="clerk", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["view_course", "view_person", "view_enrolment", "view_importbatch"]
        )
    )
    return user


@pytest.mark.parametrize("method", ["get_upload", "post_upload", "post_confirm"])
def test_who_may_not_import_gets_403(client, staff_without_import, course, method):
    client.force_login(staff_without_import)

    if method == "get_upload":
        response = client.get(upload_url(course))
    elif method == "post_upload":
        response = client.post(upload_url(course), {"file": a_file("nomination_baku.csv")})
    else:
        response = client.post(confirm_url(course), {"content": "", "token": ""})

    assert response.status_code == 403
    assert Person.objects.count() == 0


def test_who_may_not_import_sees_no_button(client, staff_without_import, course):
    client.force_login(staff_without_import)

    page = client.get(reverse("admin:courses_course_change", args=[course.pk]))

    assert page.status_code == 200
    assert upload_url(course) not in page.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client, course):
    response = client.get(upload_url(course))

    assert response.status_code == 302 and "/admin/login/" in response.url


def test_a_course_and_its_import_batches_link_to_each_other(registrar_client, course):
    report = enrolments_import(
        course=course, upload=data_file("nomination_baku.csv"), dry_run=False
    )
    batch_url = reverse("admin:imports_importbatch_change", args=[report.batch_id])
    course_url = reverse("admin:courses_course_change", args=[course.pk])

    course_page = registrar_client.get(course_url).content.decode()
    batch_page = registrar_client.get(batch_url).content.decode()

    batches = f"/admin/imports/importbatch/?course__id__exact={course.pk}"
    assert f'href="{batches}"' in course_page and "1 import batch" in course_page
    assert batch_url in registrar_client.get(batches).content.decode()
    assert f'href="{course_url}"' in batch_page


def test_the_preview_reads_as_few_queries_for_30_rows_as_for_3(
    registrar_client, course, django_assert_num_queries
):
    lines = (DATA / "nomination_baku.csv").read_bytes().splitlines(keepends=True)
    three = b"".join(lines[:4])
    preview(registrar_client, course, "three.csv", three)  # the session's first reads

    with CaptureQueriesContext(connection) as for_three:
        preview(registrar_client, course, "three.csv", three)
    with django_assert_num_queries(len(for_three.captured_queries)):
        preview(registrar_client, course, "nomination_baku.csv")


def test_a_completion_date_is_checked_again_when_applied(registrar_client, course):
    """A record that changed between the preview and the confirmation is caught."""
    enrolments_import(course=course, upload=data_file("nomination_baku.csv"), dry_run=False)
    previewed = preview(registrar_client, course, "attendance_baku.csv").content.decode()
    course.start_date = datetime.date(2026, 3, 7)  # now after the sheet's completion date
    course.end_date = datetime.date(2026, 3, 9)
    course.save()

    response = submit_form(registrar_client, previewed, CONFIRM_FORM)

    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()
    assert "This file is refused" in response.content.decode()
    assert not Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED).exists()
