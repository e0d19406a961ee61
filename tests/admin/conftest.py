from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group
from django.db import models

from apps.certificates.models import Certificate, SerialCounter
from apps.courses.models import Course, CoursePart
from apps.enrolments.models import Enrolment
from apps.imports.models import ImportBatch
from apps.organisations.models import Organisation, OrganisationKind
from apps.people.models import Person, Trainer
from apps.programmes.models import Programme
from apps.sources.models import Source
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    CoursePartFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    ImportBatchFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    SourceFactory,
    TrainerFactory,
    UserFactory,
)

# One record of each of our models with every relation the admin lists filled in, so that a
# changelist shows every link column (and would repeat a query per row if one were missing).
LINKED_RECORD: dict[type[models.Model], Callable[[], models.Model]] = {
    Organisation: lambda: OrganisationFactory(parent=OrganisationFactory()),
    Person: lambda: PersonFactory(organisation=OrganisationFactory(), nationality="AZ"),
    Trainer: lambda: TrainerFactory(affiliation=OrganisationFactory()),
    Programme: ProgrammeFactory,
    Course: lambda: CourseFactory(delivered_by=OrganisationFactory()),
    CoursePart: CoursePartFactory,
    Enrolment: EnrolmentFactory,
    Certificate: CertificateFactory,
    SerialCounter: lambda: SerialCounter.objects.create(issuer=OrganisationFactory(), year=2026),
    ImportBatch: lambda: ImportBatchFactory(imported_by=UserFactory()),
    Source: lambda: SourceFactory(reported_from=SourceFactory()),
}


@pytest.fixture
def every_model(db) -> dict[str, models.Model]:
    """A small, consistent set of records with at least one of each model in the admin."""
    nato = OrganisationFactory(name_en="NATO", acronym="NATO", kind=OrganisationKind.ALLIANCE)
    team = OrganisationFactory(
        name_en="Mobile Training Team", kind=OrganisationKind.TRAINING_TEAM, parent=nato
    )
    programme = ProgrammeFactory(nato_side=nato)
    course = CourseFactory(programme=programme, delivered_by=team)
    trainer = TrainerFactory(affiliation=team)
    enrolment = EnrolmentFactory(course=course, completed=True)
    announcement = SourceFactory(title="Ministry announcement")
    report = SourceFactory(title="Agency report", reported_from=announcement)
    report.courses.add(course)
    report.programmes.add(programme)
    records = {
        "organisation": team,
        "person": enrolment.person,
        "trainer": trainer,
        "programme": programme,
        "course": course,
        "part": CoursePartFactory(course=course, position=1),
        "second_part": CoursePartFactory(course=course, position=2),
        "course_trainer": CourseTrainerFactory(course=course, trainer=trainer),
        "enrolment": enrolment,
        "certificate": CertificateFactory(enrolment=enrolment, issued_by=team),
        "serial_counter": SerialCounter.objects.create(issuer=team, year=2026, last_number=1),
        "source": report,
        "import_batch": ImportBatchFactory(course=course),
        "group": Group.objects.get_or_create(name="Registrar")[0],
    }
    return records
