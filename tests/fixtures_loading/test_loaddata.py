"""``loaddata`` is a channel like any other: validated, recorded in history, never forging."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.certificates.models import Certificate
from apps.core.fixtures import fixture_change_reason
from apps.core.names import fold_name
from apps.courses.models import Course
from apps.organisations.models import Organisation
from apps.people.models import Person
from tests.factories import CertificateFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

SEED = "ipcp_2026_logistics"
BAKU = "ipcp-2026-logistics-planning-in-nato-baku"


def write_fixture(directory: Path, name: str, records: list[dict]) -> Path:
    path = directory / f"{name}.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_every_record_loaded_from_a_fixture_has_a_history_row_naming_the_fixture(seed):
    course = Course.objects.get(slug=BAKU)
    organisations = Organisation.objects.all()

    assert [(h.history_type, h.history_change_reason) for h in course.history.all()] == [
        ("+", fixture_change_reason(SEED))
    ]
    assert all(organisation.history.count() == 1 for organisation in organisations)
    assert fixture_change_reason(SEED) == "Loaded from fixture ipcp_2026_logistics"


def test_loading_a_fixture_again_adds_no_history_for_what_it_does_not_change(seed):
    course = Course.objects.get(slug=BAKU)
    created_at = course.created_at

    call_command("loaddata", SEED, verbosity=0)

    course.refresh_from_db()
    assert course.history.count() == 1
    assert course.created_at == created_at


def test_a_change_made_by_a_fixture_is_in_history_with_the_value_it_wrote(seed):
    Course.objects.filter(slug=BAKU).update(city="Bakı")

    call_command("loaddata", SEED, verbosity=0)

    course = Course.objects.get(slug=BAKU)
    latest = course.history.latest()
    assert course.city == "Baku"
    assert (latest.history_type, latest.city, latest.history_change_reason) == (
        "~",
        "Baku",
        fixture_change_reason(SEED),
    )


def test_a_fixture_with_an_invalid_person_is_refused_and_loads_nothing(tmp_path):
    organisation = {
        "model": "organisations.organisation",
        "fields": {"slug": "fixture-org", "name_en": "Fixture organisation", "kind": "other"},
    }
    person = {
        "model": "people.person",
        "fields": {
            "uid": "5b0e9c4e-7a51-4c55-9d0a-2f4e7bb0a001",
            "family_name": "",
            "service": "bogus",
            "nationality": "ZZ",
            "email": "not-an-email",
        },
    }
    path = write_fixture(tmp_path, "broken_people", [organisation, person])

    with pytest.raises(CommandError) as refused:
        call_command("loaddata", str(path), verbosity=0)

    message = str(refused.value)
    assert "people.person" in message and "5b0e9c4e-7a51-4c55-9d0a-2f4e7bb0a001" in message
    for field in ("family_name", "service", "nationality", "email"):
        assert f"{field}: " in message
    assert not Person.objects.exists()
    assert not Organisation.objects.exists()
    assert not Organisation.history.exists()


def test_a_fixture_cannot_rewrite_an_issued_certificate(tmp_path):
    certificate = CertificateFactory(holder_name="Əliyev Şəhriyar")
    forged = json.loads(_dump(certificate))
    forged[0]["fields"]["holder_name"] = "Forged Name"
    path = write_fixture(tmp_path, "forged", forged)

    with pytest.raises(CommandError, match="holder_name"):
        call_command("loaddata", str(path), verbosity=0)

    certificate.refresh_from_db()
    assert certificate.holder_name == "Əliyev Şəhriyar"
    assert certificate.history.filter(holder_name="Forged Name").count() == 0


def test_a_fixture_may_revoke_a_certificate_and_history_says_so(tmp_path):
    certificate = CertificateFactory()
    revoked = json.loads(_dump(certificate))
    revoked[0]["fields"].update(
        status="revoked", revoked_at="2026-04-01T09:00:00Z", revocation_reason="Issued in error."
    )
    path = write_fixture(tmp_path, "revocations", revoked)

    call_command("loaddata", str(path), verbosity=0)

    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert certificate.history.latest().history_change_reason == fixture_change_reason(
        "revocations"
    )


def test_a_fixture_cannot_replace_a_stored_pdf(tmp_path):
    certificate = CertificateFactory(pdf="certificates/2026/A.pdf", pdf_sha256="a" * 64)
    replaced = json.loads(_dump(certificate))
    replaced[0]["fields"].update(pdf="certificates/2026/B.pdf", pdf_sha256="b" * 64)
    path = write_fixture(tmp_path, "replaced", replaced)

    with pytest.raises(CommandError, match="stored once"):
        call_command("loaddata", str(path), verbosity=0)

    certificate.refresh_from_db()
    assert (certificate.pdf.name, certificate.pdf_sha256) == ("certificates/2026/A.pdf", "a" * 64)


def test_a_new_organisation_from_a_fixture_is_validated_like_any_other(tmp_path):
    OrganisationFactory(slug="taken", serial_prefix="JFCBS")
    record = {
        "model": "organisations.organisation",
        "fields": {"slug": "new-one", "name_en": "New", "kind": "other", "serial_prefix": "JFCBS"},
    }
    path = write_fixture(tmp_path, "prefix_clash", [record])

    with pytest.raises(CommandError, match="serial prefix"):
        call_command("loaddata", str(path), verbosity=0)

    assert not Organisation.objects.filter(slug="new-one").exists()


def _dump(instance: Certificate) -> str:
    from django.core import serializers

    return serializers.serialize(
        "json", [instance], use_natural_foreign_keys=True, use_natural_primary_keys=True
    )


@pytest.mark.parametrize("loader", ["loaddata", "load_records"])
def test_a_person_loaded_from_a_fixture_is_found_by_any_spelling_of_the_name(tmp_path, loader):
    person = {
        "model": "people.person",
        "fields": {
            "uid": "5b0e9c4e-7a51-4c55-9d0a-2f4e7bb0a002",
            "family_name": "Əliyev",
            "given_names": "Rəşad",
            "family_name_folded": "forged",
        },
    }
    path = write_fixture(tmp_path, "people", [person])

    call_command(loader, str(path), verbosity=0)

    assert Person.objects.get(family_name_folded=fold_name("Алиев")).given_names == "Rəşad"
    assert Person.objects.get().given_names_folded == fold_name("Rashad")
