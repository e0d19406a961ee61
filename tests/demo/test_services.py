"""Demonstration data: plausible, valid, reproducible, beside the seed and nothing else."""

import datetime
import re
from collections import Counter, defaultdict

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command

from apps.certificates.models import Certificate, CertificateStatus, SerialCounter
from apps.core.names import fold_name
from apps.courses.models import Course, CourseStatus
from apps.demo.selectors import DEMO_RECORDS, demo_records, foreign_record_counts
from apps.demo.services import demo_data_generate
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.organisations.models import Organisation
from apps.people.models import Person
from apps.programmes.models import Programme
from apps.sources.models import Source
from tests.factories import EnrolmentFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 29)
SEED_MODELS = (Organisation, Programme, Course, Source)


def dump() -> dict[str, list[str]]:
    """Every generated row, by natural keys and without primary keys, in a stable order."""
    rows = {}
    for model, records in demo_records():
        serialised = serializers.serialize(
            "python", records, use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
        rows[model._meta.label] = sorted(
            repr(sorted(record["fields"].items())) for record in serialised
        )
    return rows


def seed_dump() -> str:
    return serializers.serialize(
        "json",
        [
            obj
            for model in SEED_MODELS
            for obj in model.objects.exclude(slug__startswith="demo-").order_by("pk")
        ],
        use_natural_foreign_keys=True,
    )


def test_generated_records_follow_every_model_rule():
    report = demo_data_generate(scale=2000, seed=3)

    assert report.created["people.Person"] == 2000
    for model, records in demo_records():
        total = records.count()
        assert total, model
        for record in records.order_by("pk")[:: max(1, total // 25)]:
            record.full_clean()


def test_generated_register_is_plausible():
    demo_data_generate(scale=2000, seed=3)

    assert Organisation.objects.filter(kind="ministry").count() == 40
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert statuses == set(EnrolmentStatus.values)
    assert set(Course.objects.values_list("status", flat=True)) == set(CourseStatus.values)
    certificates = Counter(Certificate.objects.values_list("status", flat=True))
    assert set(certificates) == set(CertificateStatus.values)
    assert all(
        certificate.supersedes.status == CertificateStatus.SUPERSEDED
        for certificate in Certificate.objects.filter(supersedes__isnull=False)
    )
    names = " ".join(Person.objects.values_list("family_name", flat=True))
    assert "Ə" in names or "ə" in names  # Azerbaijani Latin
    assert re.search("[А-Яа-я]", names)  # Cyrillic
    assert "dze" in names or "shvili" in names  # Georgian, transliterated
    assert "Müller" in names or "Murphy" in names or "Andersson" in names  # Western Latin
    person = Person.objects.exclude(patronymic="").first()
    assert person.full_name_folded == fold_name(person.full_name)


def test_serials_are_gapless_per_issuer_and_year():
    demo_data_generate(scale=2000, seed=3)

    numbers = defaultdict(list)
    for serial, issuer in Certificate.objects.values_list("serial", "issued_by"):
        prefix, year, number = serial.split("-")
        numbers[issuer, int(year)].append(int(number))
    counters = {(c.issuer_id, c.year): c.last_number for c in SerialCounter.objects.all()}
    assert counters == {key: len(found) for key, found in numbers.items()}
    assert all(sorted(found) == list(range(1, len(found) + 1)) for found in numbers.values())


def test_same_seed_gives_the_same_rows_and_another_seed_others():
    demo_data_generate(scale=300, seed=7, today=TODAY)
    first = dump()
    demo_data_generate(scale=300, seed=7, today=TODAY)  # replaces its own rows
    assert dump() == first

    demo_data_generate(scale=300, seed=8, today=TODAY)
    other = dump()
    assert other["people.Person"] != first["people.Person"]
    assert other["certificates.Certificate"] != first["certificates.Certificate"]


def test_history_rows_only_when_asked():
    demo_data_generate(scale=50, seed=1)
    assert not Person.history.exists()

    demo_data_generate(scale=50, seed=1, history=True)
    assert Person.history.count() == Person.objects.count() == 50
    assert Certificate.history.count() == Certificate.objects.count()


def test_seed_records_are_never_touched():
    call_command("loaddata", "ipcp_2026_logistics", verbosity=0)
    before, history_before = seed_dump(), Organisation.history.count()
    assert foreign_record_counts() == {}

    demo_data_generate(scale=300, seed=1)
    demo_data_generate(scale=300, seed=2)  # and replacing its data leaves them too

    assert seed_dump() == before
    assert Organisation.history.count() == history_before
    assert not SerialCounter.objects.filter(issuer__slug="jfc-brunssum").exists()
    assert Organisation.objects.filter(slug="jfc-brunssum").get().serial_prefix == "JFCBS"


def test_it_refuses_beside_a_hand_made_record():
    OrganisationFactory(slug="ministry-of-defence")

    with pytest.raises(ValidationError) as refused:
        demo_data_generate(scale=50, seed=1)

    assert refused.value.code == "foreign_records"
    assert "1 organisations" in refused.value.messages[0]
    assert not Person.objects.exists()


def test_forced_it_generates_beside_a_hand_made_record():
    hand_made = OrganisationFactory(slug="ministry-of-defence")

    demo_data_generate(scale=50, seed=1, force=True)

    assert Person.objects.count() == 50
    assert Organisation.objects.filter(pk=hand_made.pk).exists()
    assert foreign_record_counts() == {"organisations": 1}


def test_it_refuses_to_replace_records_that_a_hand_made_one_rests_on():
    demo_data_generate(scale=50, seed=1)
    course = Course.objects.first()
    EnrolmentFactory(course=course, person=PersonFactory())
    people = Person.objects.count()

    with pytest.raises(ValidationError) as refused:
        demo_data_generate(scale=50, seed=2, force=True)

    assert refused.value.code == "resting_on_demo"
    assert Person.objects.count() == people
    assert Course.objects.filter(pk=course.pk).exists()


def test_scale_below_the_minimum_is_refused():
    with pytest.raises(ValidationError) as refused:
        demo_data_generate(scale=5, seed=1)
    assert refused.value.code == "scale"


def test_every_model_of_the_register_is_covered():
    from django.apps import apps

    domain = {
        model
        for label in (
            "organisations",
            "people",
            "programmes",
            "courses",
            "enrolments",
            "certificates",
            "sources",
        )  # fmt: skip
        for model in apps.get_app_config(label).get_models()
        if not model._meta.label.split(".")[1].startswith("Historical")
    }
    assert domain == {model for model, _made in DEMO_RECORDS}


def test_records_made_after_it_get_keys_of_their_own():
    demo_data_generate(scale=50, seed=1)
    generated = set(Person.objects.values_list("pk", flat=True))

    person = PersonFactory()  # through the ORM: the key sequence is past the generated keys

    assert person.pk not in generated
    assert person.pk > max(generated)


def test_it_refuses_when_an_organisation_it_did_not_make_has_one_of_its_serial_prefixes():
    OrganisationFactory(slug="naples", serial_prefix="JFCNP")

    with pytest.raises(ValidationError) as refused:
        demo_data_generate(scale=50, seed=1, force=True)

    assert refused.value.code == "serial_prefix_taken"
    assert "JFCNP" in refused.value.messages[0]
    assert not Person.objects.exists()
