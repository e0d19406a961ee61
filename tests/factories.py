"""factory-boy factories: each builds a valid record with consistent related rows."""

import datetime
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from knox.models import AuthToken

from apps.certificates.models import Certificate
from apps.certificates.services import certificate_snapshot
from apps.core.dates import DatePrecision
from apps.courses.models import (
    Course,
    CoursePart,
    CoursePartKind,
    CourseStatus,
    CourseTrainer,
    TrainerRole,
)
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.imports.models import ImportBatch
from apps.organisations.models import Organisation, OrganisationKind
from apps.people.models import Person, Trainer
from apps.programmes.models import Programme, ProgrammeKind, ProgrammeStatus
from apps.sources.models import Source, SourceKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("a-long-test-password")


def api_token_for(user: AbstractBaseUser) -> str:
    """A new API token of ``user``, as a client sends it after ``Authorization: Token``."""
    _record, token = AuthToken.objects.create(user=user)
    return token


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    name_fr = factory.Sequence(lambda n: f"Organisation {n} (fr)")
    kind = OrganisationKind.OTHER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    family_name = factory.Faker("last_name")
    given_names = factory.Faker("first_name")
    rank = "Major"


class TrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainer

    person = factory.SubFactory(PersonFactory)
    expertise = "Logistics planning"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"programme-{n}")
    kind = ProgrammeKind.IPCP
    title_en = factory.Sequence(lambda n: f"Cooperation programme {n}")
    title_fr = factory.Sequence(lambda n: f"Programme de coopération {n}")
    partner = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.MINISTRY)
    nato_side = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.ALLIANCE)
    start_year = 2026
    end_year = 2027
    status = ProgrammeStatus.IN_FORCE


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    slug = factory.Sequence(lambda n: f"course-{n}")
    programme = factory.SubFactory(ProgrammeFactory)
    title_en = factory.Sequence(lambda n: f"Course {n}")
    title_fr = factory.Sequence(lambda n: f"Formation {n}")
    city = "Baku"
    country = "AZ"
    start_date = datetime.date(2026, 3, 2)
    start_precision = DatePrecision.DAY
    end_date = datetime.date(2026, 3, 6)
    end_precision = DatePrecision.DAY
    status = CourseStatus.HELD


class CoursePartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoursePart

    course = factory.SubFactory(CourseFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = CoursePartKind.THEORY
    title_en = factory.Sequence(lambda n: f"Lesson {n}")


class CourseTrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseTrainer

    course = factory.SubFactory(CourseFactory)
    trainer = factory.SubFactory(TrainerFactory)
    role = TrainerRole.INSTRUCTOR


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    course = factory.SubFactory(CourseFactory)
    person = factory.SubFactory(PersonFactory)
    status = EnrolmentStatus.CONFIRMED
    nominated_on = datetime.date(2026, 1, 15)

    class Params:
        completed = factory.Trait(
            status=EnrolmentStatus.COMPLETED, completed_on=datetime.date(2026, 3, 6)
        )


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate as ``certificates_issue`` would make it, frozen from its enrolment.

    For tests of the model and its readers; the issuing rules are tested through the service.
    """

    class Meta:
        model = Certificate

    enrolment = factory.SubFactory(EnrolmentFactory, completed=True)
    serial = factory.Sequence(lambda n: f"TEST-2026-{n + 1:06d}")
    issued_on = datetime.date(2026, 3, 6)
    issued_by = factory.LazyAttribute(
        lambda certificate: (
            certificate.enrolment.course.delivered_by
            or OrganisationFactory(kind=OrganisationKind.TRAINING_TEAM)
        )
    )
    supersedes = None
    supersession_reason = factory.LazyAttribute(
        lambda certificate: "Corrected." if certificate.supersedes else ""
    )

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Certificate:
        return super()._create(model_class, *args, **cls._frozen(kwargs))

    @classmethod
    def _build(cls, model_class: type, *args: Any, **kwargs: Any) -> Certificate:
        return super()._build(model_class, *args, **cls._frozen(kwargs))

    @staticmethod
    def _frozen(kwargs: dict[str, Any]) -> dict[str, Any]:
        if kwargs.get("enrolment") is None:
            return kwargs
        return {**certificate_snapshot(kwargs["enrolment"], kwargs["issued_by"]), **kwargs}


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    kind = SourceKind.NEWS_REPORT
    publisher = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.NEWS_AGENCY)
    title = factory.Sequence(lambda n: f"Report {n}")
    language = "en"


class ImportBatchFactory(factory.django.DjangoModelFactory):
    """The record of an applied import, as ``enrolments_import`` writes one."""

    class Meta:
        model = ImportBatch

    course = factory.SubFactory(CourseFactory)
    file_name = "participants.csv"
    sha256 = "0" * 64
