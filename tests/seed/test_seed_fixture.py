"""The seed fixture records every fact of the French press report, and nothing more."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from apps.certificates.models import Certificate
from apps.core.dates import DatePrecision
from apps.courses.models import Course, CoursePart, CoursePartKind, CourseStatus, CourseTrainer
from apps.enrolments.models import Enrolment
from apps.organisations.models import Organisation, OrganisationKind
from apps.people.models import Person, Trainer
from apps.programmes.models import Programme, ProgrammeKind
from apps.sources.models import Source

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "ipcp_2026_logistics.json"
COURSE_SLUG = "ipcp-2026-logistics-planning-in-nato-baku"
SCENARIO_EN = "Organisation of logistics in the operational planning process during operations"
SCENARIO_FR = (
    "Organisation de la logistique dans le processus de planification opérationnelle "
    "pendant les opérations"
)

pytestmark = pytest.mark.django_db


def row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        if model._meta.app_label in {"organisations", "programmes", "courses", "sources"}:
            counts[model._meta.label] = model.objects.count()
            for field in model._meta.many_to_many:
                counts[f"{model._meta.label}.{field.name}"] = (
                    field.remote_field.through.objects.count()
                )
    return counts


def test_the_fixture_uses_natural_keys_and_no_primary_keys():
    records = json.loads(FIXTURE.read_text(encoding="utf-8"))

    assert records
    assert all("pk" not in record for record in records)
    for record in records:
        model = apps.get_model(record["model"])
        assert hasattr(model, "natural_key"), record["model"]
        assert hasattr(model.objects, "get_by_natural_key"), record["model"]


def test_loading_the_fixture_twice_leaves_one_copy_of_everything(seed):
    once = row_counts()

    call_command("loaddata", "ipcp_2026_logistics", verbosity=0)

    assert row_counts() == once
    assert once["organisations.Organisation"] == 6
    assert once["courses.CoursePart"] == 4
    assert once["sources.Source"] == 4


def test_the_programme_is_the_2026_ipcp_between_azerbaijans_ministry_and_nato(seed):
    programme = Programme.objects.get()

    assert programme.kind == ProgrammeKind.IPCP
    assert (programme.start_year, programme.end_year) == (2026, 2026)
    assert programme.partner.slug == "azerbaijan-mod"
    assert programme.partner.kind == OrganisationKind.MINISTRY
    assert programme.partner.country == "AZ"
    assert programme.nato_side.slug == "nato"
    assert "Programme de coopération de partenariat individuel (IPCP) pour 2026" in (
        programme.title_fr
    )


def test_the_course_was_held_in_baku_under_the_programme(seed):
    course = Course.objects.get(slug=COURSE_SLUG)

    assert course.title_en == "Logistics Planning in NATO"
    assert course.title_fr == "Planification logistique au sein de l'OTAN"
    assert course.programme == Programme.objects.get()
    assert (course.city, course.country) == ("Baku", "AZ")
    assert course.status == CourseStatus.HELD
    assert course.organised_by.slug == "azerbaijan-mod"


def test_the_course_is_dated_only_to_its_year(seed):
    course = Course.objects.get(slug=COURSE_SLUG)

    assert course.start_precision == course.end_precision == DatePrecision.YEAR
    assert (course.start_display, course.end_display) == ("2026", "2026")
    assert course.pcm_activity == ""


def test_the_course_was_delivered_by_the_mobile_training_team_of_jfc_brunssum(seed):
    team = Course.objects.get(slug=COURSE_SLUG).delivered_by

    assert team.kind == OrganisationKind.TRAINING_TEAM
    assert team.name_fr.startswith("Groupe mobile d'entraînement de l'OTAN")
    assert team.parent.slug == "jfc-brunssum"
    assert team.parent.kind == OrganisationKind.COMMAND
    assert team.parent.parent.slug == "nato"
    assert team.parent.parent.parent is None


def test_the_course_has_the_four_parts_of_the_report(seed):
    parts = list(Course.objects.get(slug=COURSE_SLUG).parts.order_by("position"))

    assert [part.kind for part in parts] == [
        CoursePartKind.THEORY,
        CoursePartKind.PRACTICAL_EXERCISE,
        CoursePartKind.FAMILIARISATION,
        CoursePartKind.BRIEFING,
    ]
    assert [(part.scenario_en, part.scenario_fr) for part in parts[:2]] == [
        (SCENARIO_EN, SCENARIO_FR)
    ] * 2
    assert "familiarisation" in parts[2].title_en and "OTAN" in parts[2].title_fr
    assert parts[3].audience_en == "Military personnel"
    assert "logistique" in parts[3].title_fr


def test_certificates_were_handed_to_the_participants(seed):
    course = Course.objects.get(slug=COURSE_SLUG)

    assert course.certificates_awarded is True
    assert "certificates were handed to the participants" in course.outcome_en
    assert "attestations ont été remises aux participants" in course.outcome_fr


def test_the_sources_follow_the_chain_of_reporting(seed):
    report = Source.objects.get(slug="french-press-report-logistics-planning-2026")

    chain = [
        source.publisher.slug if source.publisher else None for source in report.reporting_chain
    ]

    assert chain == [None, "agenzia-nova", "trend", "azerbaijan-mod"]
    assert report.language == "fr"
    assert "Planification logistique au sein de l’OTAN" in report.excerpt
    assert Organisation.objects.get(slug="agenzia-nova").country == "IT"
    assert Organisation.objects.get(slug="trend").country == "AZ"


def test_every_seed_record_shows_the_sources_it_rests_on(seed):
    course = Course.objects.get(slug=COURSE_SLUG)
    programme = Programme.objects.get()

    assert course.sources.count() == 4
    assert set(programme.sources.values_list("slug", flat=True)) == {
        "trend-report-logistics-planning-2026",
        "nova-report-logistics-planning-2026",
        "french-press-report-logistics-planning-2026",
    }


def test_what_the_report_does_not_say_stays_unknown(seed):
    assert not Person.objects.exists()
    assert not Trainer.objects.exists()
    assert not CourseTrainer.objects.exists()
    assert not Enrolment.objects.exists()
    assert not Certificate.objects.exists()
    assert all(not source.url and source.published_on is None for source in Source.objects.all())
    assert all(part.description_en == "" for part in CoursePart.objects.all())
