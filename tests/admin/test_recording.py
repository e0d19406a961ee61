"""A registrar records a whole new course in the admin alone, form by form as a browser would."""

import datetime

from django.urls import reverse

from apps.core.dates import DatePrecision
from apps.courses.models import Course, CoursePartKind, CourseStatus, TrainerRole
from apps.enrolments.models import EnrolmentStatus
from apps.organisations.models import OrganisationKind
from apps.programmes.models import Programme, ProgrammeKind, ProgrammeStatus
from tests.admin.forms import AdminForm
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    SourceFactory,
    TrainerFactory,
)


def open_add_form(client, app_model: str) -> AdminForm:
    app_label, model_name = app_model.split(".")
    response = client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert response.status_code == 200
    return AdminForm(response.content.decode(), model_name)


def submit(client, app_model: str, form: AdminForm):
    app_label, model_name = app_model.split(".")
    return client.post(reverse(f"admin:{app_label}_{model_name}_add"), form.post_data())


def test_registrar_records_a_programme_then_a_course_with_parts_trainers_and_participants(
    admin_client,
):
    ministry = OrganisationFactory(name_en="Ministry of Defence", kind=OrganisationKind.MINISTRY)
    nato = OrganisationFactory(name_en="NATO", kind=OrganisationKind.ALLIANCE)
    team = OrganisationFactory(name_en="Mobile Training Team", kind=OrganisationKind.TRAINING_TEAM)
    trainer = TrainerFactory(affiliation=team)
    first, second = PersonFactory(), PersonFactory()
    report = SourceFactory(title="Agency report")

    form = open_add_form(admin_client, "programmes.programme")
    form.fill(
        slug="ipcp-2025",
        kind=ProgrammeKind.IPCP,
        status=ProgrammeStatus.DRAFT,
        title_en="Individual Partnership and Cooperation Programme 2025",
        title_fr="Programme de partenariat et de coopération individuel 2025",
        partner=ministry.pk,
        nato_side=nato.pk,
        start_year=2025,
        end_year=2026,
    )
    form.add_inline_row("source_links", source=report.pk)
    response = submit(admin_client, "programmes.programme", form)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    programme = Programme.objects.get(slug="ipcp-2025")
    assert (programme.partner, programme.nato_side) == (ministry, nato)
    assert list(programme.sources.all()) == [report]

    form = open_add_form(admin_client, "courses.course")
    form.fill(
        slug="logistics-2025",
        programme=programme.pk,
        title_en="Logistics Planning in NATO",
        title_fr="Planification logistique au sein de l'OTAN",
        city="Baku",
        country="AZ",
        start_date="2025-05-17",
        start_precision=DatePrecision.MONTH,
        end_date="2025-05-21",
        end_precision=DatePrecision.DAY,
        status=CourseStatus.HELD,
        delivered_by=team.pk,
        organised_by=ministry.pk,
        summary_en="A course on NATO logistics planning.",
        summary_fr="Une formation sur la planification logistique de l'OTAN.",
    )
    form.add_inline_row(
        "parts",
        position=1,
        kind=CoursePartKind.THEORY,
        title_en="Theoretical exercises",
        title_fr="Exercices théoriques",
    )
    form.add_inline_row(
        "parts", position=2, kind=CoursePartKind.BRIEFING, title_en="Logistics briefings"
    )
    form.add_inline_row("trainer_roles", trainer=trainer.pk, role=TrainerRole.LEAD)
    form.add_inline_row("enrolments", person=first.pk, status=EnrolmentStatus.CONFIRMED)
    form.add_inline_row(
        "enrolments",
        person=second.pk,
        status=EnrolmentStatus.COMPLETED,
        nominated_on="2025-04-01",
        completed_on="2025-05-21",
    )
    form.add_inline_row("source_links", source=report.pk)
    response = submit(admin_client, "courses.course", form)
    assert response.status_code == 302, response.context["errors"] if response.context else ""

    course = Course.objects.get(slug="logistics-2025")
    assert course.programme == programme
    assert course.title_fr == "Planification logistique au sein de l'OTAN"
    assert (course.start_date, course.start_display) == (datetime.date(2025, 5, 1), "May 2025")
    assert course.end_date == datetime.date(2025, 5, 21)
    assert [(part.position, part.kind) for part in course.parts.order_by("position")] == [
        (1, CoursePartKind.THEORY),
        (2, CoursePartKind.BRIEFING),
    ]
    assert [(role.trainer, role.role) for role in course.trainer_roles.all()] == [
        (trainer, TrainerRole.LEAD)
    ]
    assert {(e.person, e.status) for e in course.enrolments.all()} == {
        (first, EnrolmentStatus.CONFIRMED),
        (second, EnrolmentStatus.COMPLETED),
    }
    assert list(course.sources.all()) == [report]


def test_a_course_that_ends_before_it_starts_is_refused_and_nothing_is_written(admin_client):
    programme = ProgrammeFactory()
    form = open_add_form(admin_client, "courses.course")
    form.fill(
        slug="backwards",
        programme=programme.pk,
        title_en="Backwards course",
        start_date="2027-05-17",
        start_precision=DatePrecision.DAY,
        end_date="2027-05-10",
        end_precision=DatePrecision.DAY,
    )
    form.add_inline_row("parts", position=1, kind=CoursePartKind.THEORY, title_en="Lesson")
    response = submit(admin_client, "courses.course", form)
    assert response.status_code == 200
    assert "The course cannot end before it starts." in response.content.decode()
    assert not Course.objects.filter(slug="backwards").exists()
