"""A course's participants from nomination to certificate, by a registrar from the admin alone,
then from the API alone: a nomination list of 30 written in Azerbaijani Latin, Cyrillic and
passport spellings, previewed and applied; the attendance sheet after the course; the
certificates; a participant of an earlier course recorded twice, found and merged; and a
mistaken import undone."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.certificates.models import Certificate
from apps.courses.models import CourseStatus
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.imports.models import ImportBatch, ImportBatchStatus
from apps.imports.services import enrolments_import
from apps.people.models import Person
from tests.factories import CourseFactory, OrganisationFactory
from tests.imports.conftest import DATA, submit_form, upload

# Nominations for a course in Tbilisi, sent to the Baku course by mistake.
TBILISI_NOMINATIONS = (
    b"family name,given names,nationality,birth date\n"
    b"Beridze,Levan,GE,1987-02-11\n"
    b"Kapanadze,Tamar,GE,1991-06-30\n"
    b"Gelashvili,Davit,GE,1984-12-03\n"
)


@pytest.fixture
def baku_course(db):
    """A course held in March 2026, over before today, delivered by a team that issues."""
    issuer = OrganisationFactory(
        slug="jfc-brunssum", name_en="JFC Brunssum", acronym="JFCBS", serial_prefix="JFCBS"
    )
    return CourseFactory(
        slug="logistics-planning-baku-2026",
        title_en="Logistics Planning in NATO",
        delivered_by=issuer,
        start_date=datetime.date(2026, 3, 2),
        end_date=datetime.date(2026, 3, 6),
        status=CourseStatus.HELD,
    )


@pytest.fixture
def earlier_participant(baku_course):
    """Orkhan Ismayilov, on a course of 2025 whose nomination list, in Cyrillic, gave names
    and ranks only: nothing to tell him from a namesake, so the Baku list (in passport
    spelling, with his birth date and nationality) records him a second time."""
    earlier = CourseFactory(
        slug="nato-familiarisation-2025",
        title_en="NATO Familiarisation Course",
        start_date=datetime.date(2025, 10, 6),
        end_date=datetime.date(2025, 10, 10),
    )
    names_only = "nom,prénoms,grade\nИсмаилов,Орхан,Капитан\n"
    assert enrolments_import(course=earlier, upload=upload(names_only), dry_run=False).applied
    return Person.objects.get(family_name="Исмаилов")


def a_file(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (DATA / name).read_bytes())


def assert_the_attendance_was_recorded(course) -> None:
    """Passport spellings in the sheet met the names as first written, in any script."""
    statuses = dict(
        Enrolment.objects.filter(course=course).values_list("person__family_name", "status")
    )
    assert statuses["Əliyev"] == statuses["Гасанов"] == EnrolmentStatus.COMPLETED
    assert statuses["Джафаров"] == EnrolmentStatus.FAILED
    assert statuses["Qasımov"] == EnrolmentStatus.WITHDRAWN
    rashad = Enrolment.objects.get(course=course, person__family_name="Əliyev")
    assert rashad.completed_on == datetime.date(2026, 3, 6)
    assert rashad.person.given_names == "Rəşad"  # the passport's "Rashad" rewrote nothing


def assert_four_certificates_as_recorded(course) -> None:
    certificates = Certificate.objects.filter(enrolment__course=course).order_by("serial")
    assert [certificate.serial for certificate in certificates] == [
        f"JFCBS-2026-{number:06d}" for number in range(1, 5)
    ]
    assert {certificate.holder_family_name for certificate in certificates} == {
        "Əliyev",
        "Məmmədov",
        "Hüseynova",
        "Гасанов",
    }


def assert_one_orkhan_ismayilov_enrolled_twice(earlier_participant, baku_course) -> None:
    """The record kept is the Baku one (birth date, nationality); the earlier record stays,
    merged, and its enrolment moved."""
    earlier_participant.refresh_from_db()
    kept = earlier_participant.merged_into
    assert kept is not None and kept.family_name == "ISMAYILOV"
    assert kept.birth_date == datetime.date(1985, 8, 17)
    assert sorted(kept.enrolments.values_list("course__slug", flat=True)) == [
        "logistics-planning-baku-2026",
        "nato-familiarisation-2025",
    ]
    named = Person.objects.current().filter(family_name_folded="ismailov")
    assert named.filter(given_names_folded="orxan").count() == 1
    assert Enrolment.objects.filter(course=baku_course).count() == 30


def assert_the_mistake_is_gone(course, certified: int) -> None:
    assert Enrolment.objects.filter(course=course).count() == 30
    assert not Person.objects.filter(given_names__in=["Levan", "Tamar", "Davit"]).exists()
    assert Certificate.objects.filter(enrolment__course=course).count() == certified


def test_a_registrar_does_it_all_from_the_admin(registrar_client, baku_course, earlier_participant):
    client = registrar_client
    course_url = reverse("admin:courses_course_change", args=[baku_course.pk])
    upload_url = reverse("admin:courses_course_import_participants", args=[baku_course.pk])
    assert f'href="{upload_url}"' in client.get(course_url).content.decode()
    assert client.get(upload_url).status_code == 200

    # The nomination list: previewed, nothing written, then applied.
    previewed = client.post(upload_url, {"file": a_file("nomination_baku.csv")})
    page = previewed.content.decode()
    assert "30 rows: 30 new people, 0 existing people matched, 30 new enrolments" in page
    for name in ("Əliyev Rəşad", "Гасанов Эльчин", "ISMAYILOV ORKHAN", "Ціпко Олена"):
        assert name in page
    assert "Not matched to Капитан Исмаилов Орхан" in page  # nothing to compare: two records
    assert Person.objects.count() == 1
    applied = submit_form(client, page, "import-confirm")
    assert applied.status_code == 302 and applied.url == course_url
    assert "30 new enrolments" in client.get(course_url).content.decode()
    assert Enrolment.objects.filter(course=baku_course).count() == 30

    # The attendance sheet after the course, in passport spellings.
    previewed = client.post(upload_url, {"file": a_file("attendance_baku.csv")})
    page = previewed.content.decode()
    assert "6 existing people matched, 0 new enrolments, 6 enrolments changed" in page
    assert "status / statut: “nominated” → “completed”" in page
    assert submit_form(client, page, "import-confirm").status_code == 302
    assert_the_attendance_was_recorded(baku_course)

    # The certificates: the course list's action previews who receives one, then issues.
    changelist = reverse("admin:courses_course_changelist")
    action = {"action": "issue_certificates", "_selected_action": [baku_course.pk]}
    asked = client.post(changelist, action)
    assert "Would receive a certificate (4)" in asked.content.decode()
    issued = client.post(changelist, {**action, "post": "yes"}, follow=True)
    assert "4 certificates issued (JFCBS-2026-000001 to JFCBS-2026-000004)" in (
        issued.content.decode()
    )
    assert_four_certificates_as_recorded(baku_course)

    # The same participant recorded twice: found among the possible duplicates, then merged
    # with the people list's action, after its confirmation page.
    people = reverse("admin:people_person_changelist")
    duplicates_url = reverse("admin:people_person_duplicates")
    assert f'href="{duplicates_url}"' in client.get(people).content.decode()
    page = client.get(duplicates_url).content.decode()
    assert "1 pair" in page and "same folded name, one birth date unknown" in page
    assert "Капитан Исмаилов Орхан" in page and "MAJOR ISMAYILOV ORKHAN" in page
    baku_record = Person.objects.get(family_name="ISMAYILOV")
    both = [earlier_participant.pk, baku_record.pk]
    merge = {"action": "merge_selected", "_selected_action": both}
    confirmation = client.post(people, merge, follow=True).content.decode()
    assert "Merge two people" in confirmation and "Yes, merge" in confirmation
    assert "NATO Familiarisation Course" in confirmation
    assert "Logistics Planning in NATO" in confirmation
    merged = client.post(
        reverse("admin:people_person_merge"),
        {"people": f"{earlier_participant.pk},{baku_record.pk}", "keep": baku_record.pk},
        follow=True,
    )
    assert "Капитан Исмаилов Орхан was merged into MAJOR ISMAYILOV ORKHAN" in (
        merged.content.decode()
    )
    assert "No possible duplicates." in client.get(duplicates_url).content.decode()
    assert_one_orkhan_ismayilov_enrolled_twice(earlier_participant, baku_course)

    # A mistaken import, then undone from the import batches.
    previewed = client.post(upload_url, {"file": a_file("tbilisi.csv", TBILISI_NOMINATIONS)})
    page = previewed.content.decode()
    assert "3 rows: 3 new people" in page
    assert submit_form(client, page, "import-confirm").status_code == 302
    mistake = ImportBatch.objects.get(file_name="tbilisi.csv")
    assert Enrolment.objects.filter(course=baku_course).count() == 33
    batches = reverse("admin:imports_importbatch_changelist")
    undo = {"action": "undo_selected", "_selected_action": [mistake.pk]}
    assert "Yes, undo" in client.post(batches, undo).content.decode()
    undone = client.post(batches, {**undo, "post": "yes"}, follow=True)
    assert f"Import batch {mistake.pk} undone: 3 people and 3 enrolments deleted" in (
        undone.content.decode()
    )
    mistake.refresh_from_db()
    assert mistake.status == ImportBatchStatus.UNDONE
    assert_the_mistake_is_gone(baku_course, certified=4)


def test_a_registrar_does_it_all_from_the_api(api_client_for, baku_course, earlier_participant):
    client = api_client_for("registrar")
    import_url = f"/api/v1/courses/{baku_course.pk}/enrolments/import/"

    # The nomination list: a dry run, nothing written, then applied.
    dry_run = client.post(
        import_url,
        {"file": a_file("nomination_baku.csv"), "dry_run": "true"},
        format="multipart",
    )
    assert dry_run.status_code == 200
    assert dry_run.json()["counts"]["people_created"] == 30
    assert {row["outcome"] for row in dry_run.json()["rows"]} == {"new person, new enrolment"}
    ismayilov = next(row for row in dry_run.json()["rows"] if row["name"] == "ISMAYILOV ORKHAN")
    assert ismayilov["notes"][0].startswith("Not matched to Капитан Исмаилов Орхан")
    assert Person.objects.count() == 1
    applied = client.post(import_url, {"file": a_file("nomination_baku.csv")}, format="multipart")
    assert applied.status_code == 201 and applied.json()["applied"] is True
    assert Enrolment.objects.filter(course=baku_course).count() == 30

    # The attendance sheet after the course, in passport spellings.
    attendance = client.post(
        import_url, {"file": a_file("attendance_baku.csv")}, format="multipart"
    )
    assert attendance.status_code == 201
    assert attendance.json()["counts"]["enrolments_changed"] == 6
    assert attendance.json()["rows"][0]["match_reason"] == "same names and birth date"
    assert_the_attendance_was_recorded(baku_course)

    # The certificates: previewed, then issued.
    issue_url = f"/api/v1/courses/{baku_course.pk}/issue-certificates/"
    previewed = client.post(issue_url, {"dry_run": True}, format="json")
    assert previewed.status_code == 200 and len(previewed.json()["eligible"]) == 4
    issued = client.post(issue_url, {}, format="json")
    assert issued.status_code == 201
    assert [certificate["serial"] for certificate in issued.json()["issued"]] == [
        f"JFCBS-2026-{number:06d}" for number in range(1, 5)
    ]
    assert_four_certificates_as_recorded(baku_course)

    # The same participant recorded twice: found among the possible duplicates, then merged.
    duplicates = client.get("/api/v1/people/duplicates/")
    assert duplicates.status_code == 200
    [pair] = duplicates.json()["results"]
    assert pair["reason"] == "same_name_one_birth_date_unknown" and pair["score"] == 90
    assert pair["person"]["id"] == earlier_participant.pk
    assert pair["person"]["birth_date"] is None
    assert pair["other"]["full_name"] == "ISMAYILOV ORKHAN"
    assert pair["other"]["birth_date"] == "1985-08-17"
    merged = client.post(
        f"/api/v1/people/{pair['person']['id']}/merge/",
        {"into": pair["other"]["id"]},
        format="json",
    )
    assert merged.status_code == 200 and merged.json()["id"] == pair["other"]["id"]
    assert client.get("/api/v1/people/duplicates/").json()["results"] == []
    earlier_uid = client.get(f"/api/v1/people/{earlier_participant.pk}/").json()["uid"]
    assert earlier_uid == str(Person.objects.get(family_name="ISMAYILOV").uid)
    assert_one_orkhan_ismayilov_enrolled_twice(earlier_participant, baku_course)

    # A mistaken import, then undone.
    mistake = client.post(
        import_url, {"file": a_file("tbilisi.csv", TBILISI_NOMINATIONS)}, format="multipart"
    )
    assert mistake.status_code == 201
    assert Enrolment.objects.filter(course=baku_course).count() == 33
    undone = client.post(f"/api/v1/import-batches/{mistake.json()['batch']}/undo/")
    assert undone.status_code == 200
    assert undone.json()["counts"]["people_deleted"] == 3
    assert undone.json()["counts"]["enrolments_deleted"] == 3
    batch = client.get(f"/api/v1/import-batches/{mistake.json()['batch']}/").json()
    assert batch["status"] == "undone"
    assert_the_mistake_is_gone(baku_course, certified=4)
