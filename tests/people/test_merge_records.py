"""After a merge, what names the merged person (UID, record, file) lands on the person kept."""

import io
import json

import pytest
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from pypdf import PdfReader

from apps.certificates.pdf import certificate_pdf_render
from apps.certificates.services import certificate_pdf_store
from apps.core.records import records_load
from apps.enrolments.models import Enrolment
from apps.imports.services import enrolments_import
from apps.people.models import Person, Trainer
from apps.people.services import person_merge
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    PersonFactory,
    TrainerFactory,
)
from tests.imports.conftest import upload
from tests.people.helpers import BORN, PEOPLE

pytestmark = pytest.mark.django_db


def test_the_merged_uid_resolves_to_the_kept_person_by_natural_key(kept, duplicate, registrar):
    enrolment = EnrolmentFactory(person=duplicate)
    TrainerFactory(person=duplicate)
    person_merge(person=duplicate, into=kept, user=registrar)

    assert Person.objects.get_by_natural_key(str(duplicate.uid)) == kept
    assert Person.objects.get_by_natural_key(str(kept.uid)) == kept
    assert Person.objects.get_exact_by_natural_key(str(duplicate.uid)) == duplicate
    assert Trainer.objects.get_by_natural_key(str(duplicate.uid)).person == kept
    assert (
        Enrolment.objects.get_by_natural_key(enrolment.course.slug, str(duplicate.uid)) == enrolment
    )


def test_a_kept_person_with_several_merged_into_them_is_found_once(kept, registrar):
    for given_names in ("Rashad", "Rashid"):
        person_merge(person=PersonFactory(given_names=given_names), into=kept, user=registrar)

    assert Person.objects.get_by_natural_key(str(kept.uid)) == kept


def write_records(tmp_path, records: list[dict]) -> list:
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return [path]


def test_loaded_records_referring_to_a_merged_uid_land_on_the_kept_person(
    tmp_path, kept, duplicate, registrar
):
    person_merge(person=duplicate, into=kept, user=registrar)
    course = CourseFactory()
    paths = write_records(
        tmp_path,
        [
            {
                "model": "enrolments.enrolment",
                "fields": {
                    "course": [course.slug],
                    "person": [str(duplicate.uid)],
                    "status": "nominated",
                },
            }
        ],
    )

    report = records_load(paths=paths)

    assert report.errors == []
    assert Enrolment.objects.get(course=course).person == kept


def test_loading_a_merged_person_s_own_record_changes_that_record_only(
    tmp_path, kept, duplicate, registrar
):
    person_merge(person=duplicate, into=kept, user=registrar)
    paths = write_records(
        tmp_path,
        [
            {
                "model": "people.person",
                "fields": {"uid": str(duplicate.uid), "family_name": "Aliev", "rank": "Colonel"},
            }
        ],
    )

    report = records_load(paths=paths)

    assert report.errors == []
    duplicate.refresh_from_db()
    kept.refresh_from_db()
    assert (duplicate.family_name, duplicate.rank, duplicate.merged_into) == (
        "Aliev",
        "Colonel",
        kept,
    )
    assert kept.family_name == "Əliyev"


def test_the_api_answers_the_kept_person_for_a_merged_id(
    api_client_for, kept, duplicate, registrar
):
    person_merge(person=duplicate, into=kept, user=registrar)

    response = api_client_for("viewer").get(f"{PEOPLE}{duplicate.pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == kept.pk
    assert response.json()["uid"] == str(kept.uid)
    assert response.json()["merged_into"] is None


def test_the_api_lists_current_people_unless_asked_for_merged_ones(
    api_client_for, kept, duplicate, registrar
):
    person_merge(person=duplicate, into=kept, user=registrar)
    client = api_client_for("viewer")

    current = client.get(PEOPLE).json()["results"]
    merged = client.get(PEOPLE, {"merged": "true"}).json()["results"]
    by_uid = client.get(PEOPLE, {"uid": str(duplicate.uid)}).json()["results"]

    assert [person["id"] for person in current] == [kept.pk]
    assert [(person["id"], person["merged_into"]) for person in merged] == [(duplicate.pk, kept.pk)]
    assert [person["id"] for person in by_uid] == [kept.pk]


def test_an_import_matches_a_merged_uid_to_the_kept_person(kept, duplicate, registrar):
    person_merge(person=duplicate, into=kept, user=registrar)
    course = CourseFactory()

    report = enrolments_import(
        course=course, upload=upload(f"uid,grade\n{duplicate.uid},Colonel\n"), dry_run=False
    )

    assert report.rows[0].match_reason == "uid"
    assert Enrolment.objects.get(course=course).person == kept


def test_an_import_never_matches_a_merged_person_by_name(registrar):
    kept = PersonFactory(family_name="Quliyev", given_names="Kamran", birth_date=None)
    merged = PersonFactory(family_name="Гулиев", given_names="Камран", birth_date=BORN)
    person_merge(person=merged, into=kept, user=registrar)
    course = CourseFactory()

    report = enrolments_import(
        course=course,
        upload=upload("family name,given names,birth date\nQuliyev,Kamran,1988-05-17\n"),
        dry_run=False,
    )

    # The merged record's birth date would have matched; the kept one has none to compare.
    assert report.rows[0].person == "new"
    assert Enrolment.objects.get(course=course).person not in (kept, merged)


def test_the_api_enrols_no_merged_person(api_client_for, kept, duplicate, registrar):
    person_merge(person=duplicate, into=kept, user=registrar)
    course = CourseFactory()

    response = api_client_for("registrar").post(
        "/api/v1/enrolments/", {"course": course.pk, "person": duplicate.pk}, format="json"
    )

    assert response.status_code == 400
    assert "person" in response.json()
    assert not Enrolment.objects.filter(course=course).exists()


def pdf_text(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def test_a_merged_person_s_certificate_prints_and_verifies_as_before(
    api_client, kept, duplicate, registrar
):
    certificate = CertificateFactory(enrolment=EnrolmentFactory(person=duplicate, completed=True))
    certificate_pdf_store(certificate=certificate)
    certificate.refresh_from_db()
    stored = certificate.pdf.read()
    rendered_before = pdf_text(certificate_pdf_render(certificate))
    cache.clear()  # the verification throttle counts in the cache
    verification = f"/api/v1/verify/{certificate.verification_code}/"
    answer_before = api_client.get(verification).json()

    person_merge(person=duplicate, into=kept, user=registrar)

    certificate.refresh_from_db()
    assert certificate.holder_name == "Алиев Рашад"
    assert certificate.enrolment.person == kept
    assert pdf_text(certificate_pdf_render(certificate)) == rendered_before
    assert "Алиев Рашад" in rendered_before
    assert certificate.pdf.read() == stored
    assert api_client.get(verification).json() == answer_before
    assert answer_before["state"] == "valid"


def test_loaddata_of_a_merged_person_s_own_record_changes_that_record_only(
    tmp_path, kept, duplicate, registrar
):
    person_merge(person=duplicate, into=kept, user=registrar)
    path = tmp_path / "people.json"
    path.write_text(
        serializers.serialize(
            "json",
            [Person.objects.get(pk=duplicate.pk)],
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        ).replace('"rank": "Major"', '"rank": "Colonel"'),
        encoding="utf-8",
    )

    call_command("loaddata", str(path), verbosity=0)

    duplicate.refresh_from_db()
    kept.refresh_from_db()
    assert (duplicate.rank, duplicate.merged_into) == ("Colonel", kept)
    assert kept.rank == "Major"
