"""``load_records``: every fault of a file reported, then all of its records saved or none."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.certificates.models import FROZEN_FIELD_ERROR
from apps.core.fixtures import fixture_change_reason
from apps.core.records import (
    DUPLICATE_RECORD_ERROR,
    UNKNOWN_FIELD_ERROR,
    UNKNOWN_MODEL_ERROR,
    UNRESOLVED_REFERENCE_ERROR,
    records_load,
)
from apps.courses.models import END_BEFORE_START_ERROR, Course
from apps.organisations.models import Organisation
from apps.people.models import Person
from apps.programmes.models import Programme
from tests.factories import CertificateFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent / "data"
SEED = Path(__file__).resolve().parents[2] / "fixtures" / "ipcp_2026_logistics.json"
BAKU = "ipcp-2026-logistics-planning-in-nato-baku"


def write(directory: Path, name: str, records: list[dict]) -> Path:
    path = directory / name
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def organisation(slug: str, parent: str | None = None) -> dict:
    return {
        "model": "organisations.organisation",
        "fields": {
            "slug": slug,
            "name_en": slug.title(),
            "kind": "other",
            "parent": [parent] if parent else None,
        },
    }


def test_a_broken_file_has_every_fault_reported_and_nothing_loaded():
    OrganisationFactory(slug="nato-in-the-db")
    certificate = CertificateFactory(serial="JFCBS-2026-000001", holder_name="Əliyev Şəhriyar")
    path = DATA / "broken_records.json"
    people, organisations = Person.objects.count(), Organisation.objects.count()

    report = records_load(paths=[path])

    found = {(error.position, error.field, error.message) for error in report.errors}
    assert {
        (1, "family_name", "This field cannot be blank."),
        (1, "service", "Value 'bogus' is not a valid choice."),
        (1, "nationality", "Value 'ZZ' is not a valid choice."),
        (1, "email", "Enter a valid email address."),
        (2, "", UNKNOWN_MODEL_ERROR.format(model="people.soldier")),
        (
            3,
            "colour",
            UNKNOWN_FIELD_ERROR.format(model="organisations.organisation", field="colour"),
        ),
        (5, "", DUPLICATE_RECORD_ERROR.format(file=str(path), position=4)),
        (6, "kind", "Value 'navy' is not a valid choice."),
        (8, "end_date", str(END_BEFORE_START_ERROR)),
        (
            9,
            "course",
            UNRESOLVED_REFERENCE_ERROR.format(model="courses.course", key=["no-such-course"]),
        ),
        (10, "holder_name", str(FROZEN_FIELD_ERROR)),
    } <= found
    assert any(
        e.position == 7 and e.field == "start_date" and "soon" in e.message for e in report.errors
    )
    assert all(error.file == str(path) for error in report.errors)
    person_error = next(error for error in report.errors if error.position == 1)
    assert person_error.key == "['7d8c2a57-0f7e-4f5b-9a43-1c2d3e4f5a01']"
    assert not report.saved
    assert (Person.objects.count(), Organisation.objects.count()) == (people, organisations)
    assert not Programme.objects.filter(slug="ipcp-2026-azerbaijan").exists()
    assert not Course.objects.filter(slug__in=["course-when", "course-backwards"]).exists()
    certificate.refresh_from_db()
    assert certificate.holder_name == "Əliyev Şəhriyar"
    assert certificate.history.count() == 1


def test_the_command_prints_every_error_and_fails():
    OrganisationFactory(slug="nato-in-the-db")
    CertificateFactory(serial="JFCBS-2026-000001")
    errors = io.StringIO()

    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_records", str(DATA / "broken_records.json"), stderr=errors)

    lines = errors.getvalue().splitlines()
    assert len(lines) >= 10
    assert lines[0].startswith(f"{DATA / 'broken_records.json'} #1 people.person ['7d8c2a57")
    assert not Organisation.objects.filter(slug="the-good-org").exists()


def test_records_load_in_dependency_order_whatever_the_order_in_the_file(tmp_path):
    path = write(
        tmp_path,
        "reversed.json",
        [
            {
                "model": "people.person",
                "fields": {
                    "uid": "7d8c2a57-0f7e-4f5b-9a43-1c2d3e4f5a09",
                    "family_name": "Mammadov",
                    "organisation": ["grandchild"],
                },
            },
            organisation("grandchild", parent="child"),
            organisation("child", parent="root"),
            organisation("root"),
        ],
    )

    report = records_load(paths=[path])

    assert report.errors == []
    assert report.counts["organisations.organisation"].created == 3
    assert Person.objects.get().organisation.parent.parent.slug == "root"
    assert Organisation.objects.get(slug="root").history.get().history_change_reason == (
        fixture_change_reason("reversed")
    )


def test_a_dry_run_counts_what_would_change_and_changes_nothing(seed, tmp_path):
    records = json.loads(SEED.read_text(encoding="utf-8"))
    course = next(record for record in records if record["model"] == "courses.course")
    course["fields"]["city"] = "Bakı"
    path = write(tmp_path, "corrected.json", records)
    out = io.StringIO()

    call_command("load_records", str(path), "--dry-run", stdout=out)

    assert "courses.course: 0 created, 1 changed, 0 unchanged" in out.getvalue()
    assert "organisations.organisation: 0 created, 0 changed, 6 unchanged" in out.getvalue()
    assert Course.objects.get(slug=BAKU).city == "Baku"
    assert Course.objects.get(slug=BAKU).history.count() == 1


def test_a_change_is_saved_with_a_history_row_naming_the_file(seed, tmp_path):
    records = json.loads(SEED.read_text(encoding="utf-8"))
    course = next(record for record in records if record["model"] == "courses.course")
    course["fields"]["city"] = "Bakı"
    path = write(tmp_path, "corrected.json", records)

    report = records_load(paths=[path])

    assert report.saved
    saved = Course.objects.get(slug=BAKU)
    latest = saved.history.latest()
    assert (saved.city, latest.city, latest.history_type) == ("Bakı", "Bakı", "~")
    assert latest.history_change_reason == fixture_change_reason("corrected")
    assert saved.updated_at > saved.created_at


def test_a_yaml_file_loads_like_json(tmp_path):
    path = tmp_path / "organisations.yaml"
    path.write_text(
        "- model: organisations.organisation\n"
        "  fields: {slug: nato, name_en: NATO, kind: alliance}\n"
        "- model: organisations.organisation\n"
        "  fields: {slug: jfc-brunssum, name_en: JFC Brunssum, kind: command, parent: [nato]}\n",
        encoding="utf-8",
    )

    report = records_load(paths=[path])

    assert report.saved
    assert Organisation.objects.get(slug="jfc-brunssum").parent.slug == "nato"
