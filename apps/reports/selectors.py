"""The reports' figures, each computed by the database in one query (aggregates, GROUP BY).

What the figures mean:

* **The year of a course** is the year of its start; a course whose start is unknown counts
  in the year of its end, and one with neither date in no year (``year`` is ``None``).
* **A course held** is one recorded as held whose earliest possible end is today or before,
  the rule certificates are issued by (``apps.core.dates.ended_by``): a course known only to
  end in "2026" is held from 1 January 2026.
* **Participants** are people, each counted once per row however many of the row's courses
  they are enrolled in. *Nominated*: every enrolment, whatever became of it (a withdrawn
  participant was nominated). *Attended*: attended, completed or failed. *Completed*:
  completed. *Trained* (the chart): completed.
* **Certificates issued** are every certificate issued for the row's courses, revoked and
  superseded ones included; *revoked* and *superseded* count those in that state now.
  The chart of certificates per issuer counts them in the year they were issued.

Filters: a year range (the course's year; for the issuers' chart, the year of issue), a
programme, a partner (the programme's partner side) and an issuer (narrows the certificate
figures only: courses and participants do not depend on who issued).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, IntegerField, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from apps.certificates.models import Certificate, CertificateStatus
from apps.core.dates import ended_by
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import ATTENDED_STATUSES, Enrolment, EnrolmentStatus
from apps.organisations.models import Organisation


@dataclass(frozen=True)
class ReportFilters:
    """What a report is narrowed to, records by id; ``None`` leaves a filter out.

    An id no record has matches nothing: the report is empty, as a list filtered so is.
    """

    year_from: int | None = None
    year_to: int | None = None
    programme_id: int | None = None
    partner_id: int | None = None
    issuer_id: int | None = None


def course_year() -> Any:
    """A course's year: its start's, else its end's (``None`` with neither date)."""
    return ExtractYear(Coalesce("start_date", "end_date"), output_field=IntegerField())


def held_condition(today: datetime.date, *, prefix: str = "") -> Q:
    """Courses recorded as held that can have ended by ``today`` (see the module docstring)."""
    return Q(**{f"{prefix}status": CourseStatus.HELD}) & ended_by(today, prefix=prefix)


def _year_range(filters: ReportFilters, field: str) -> Q:
    condition = Q()
    if filters.year_from is not None:
        condition &= Q(**{f"{field}__gte": filters.year_from})
    if filters.year_to is not None:
        condition &= Q(**{f"{field}__lte": filters.year_to})
    return condition


def _courses(filters: ReportFilters) -> QuerySet[Course]:
    """The courses a report covers, each with its ``year``."""
    courses = Course.objects.annotate(year=course_year()).filter(_year_range(filters, "year"))
    if filters.programme_id is not None:
        courses = courses.filter(programme_id=filters.programme_id)
    if filters.partner_id is not None:
        courses = courses.filter(programme__partner_id=filters.partner_id)
    return courses


def _certificate_condition(filters: ReportFilters, state: str | None = None) -> Q:
    condition = Q(enrolments__certificates__isnull=False)
    if state is not None:
        condition &= Q(enrolments__certificates__status=state)
    if filters.issuer_id is not None:
        condition &= Q(enrolments__certificates__issued_by_id=filters.issuer_id)
    return condition


PROGRAMME_FIGURE_FIELDS = (
    "courses_held",
    "participants_nominated",
    "participants_attended",
    "participants_completed",
    "certificates_issued",
    "certificates_revoked",
    "certificates_superseded",
)


def _figures(filters: ReportFilters, today: datetime.date) -> dict[str, Any]:
    """The aggregates of a report's row (or of its total), keyed as ``PROGRAMME_FIGURE_FIELDS``."""
    person = "enrolments__person"
    return {
        "courses_held": Count("pk", filter=held_condition(today), distinct=True),
        "participants_nominated": Count(person, distinct=True),
        "participants_attended": Count(
            person, filter=Q(enrolments__status__in=ATTENDED_STATUSES), distinct=True
        ),
        "participants_completed": Count(
            person, filter=Q(enrolments__status=EnrolmentStatus.COMPLETED), distinct=True
        ),
        "certificates_issued": Count(
            "enrolments__certificates", filter=_certificate_condition(filters), distinct=True
        ),
        "certificates_revoked": Count(
            "enrolments__certificates",
            filter=_certificate_condition(filters, CertificateStatus.REVOKED),
            distinct=True,
        ),
        "certificates_superseded": Count(
            "enrolments__certificates",
            filter=_certificate_condition(filters, CertificateStatus.SUPERSEDED),
            distinct=True,
        ),
    }


def programme_figures(
    filters: ReportFilters, *, today: datetime.date | None = None
) -> QuerySet[Course, dict[str, Any]]:
    """A row per programme, partner and year: courses held, participants, certificates.

    Each row is a dict: ``programme_id``, ``programme_title_en``/``_fr``, ``partner_id``,
    ``partner_name_en``/``_fr``, ``partner_country``, ``year`` and ``PROGRAMME_FIGURE_FIELDS``.
    Newest year first, then by programme. One query.
    """
    today = today or timezone.localdate()
    return (
        _courses(filters)
        .values("year", "programme_id")
        .annotate(
            programme_title_en=F("programme__title_en"),
            programme_title_fr=F("programme__title_fr"),
            partner_id=F("programme__partner_id"),
            partner_name_en=F("programme__partner__name_en"),
            partner_name_fr=F("programme__partner__name_fr"),
            partner_country=F("programme__partner__country"),
            **_figures(filters, today),
        )
        .order_by(F("year").desc(nulls_last=True), "programme_title_en", "programme_id")
    )


def programme_figures_total(
    filters: ReportFilters, *, today: datetime.date | None = None
) -> dict[str, int]:
    """The figures of every row together; a person in several rows counts once. One query."""
    return _courses(filters).aggregate(**_figures(filters, today or timezone.localdate()))


def participants_trained_series(filters: ReportFilters) -> QuerySet[Enrolment, dict[str, Any]]:
    """People who completed a course, per year (the course's) and partner. One query.

    Rows: ``year``, ``partner_id``, ``partner_name_en``/``_fr``, ``value``; courses with no
    known year are left out (a chart has no place for them).
    """
    enrolments = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED).annotate(
        year=ExtractYear(
            Coalesce("course__start_date", "course__end_date"), output_field=IntegerField()
        )
    )
    enrolments = enrolments.filter(Q(year__isnull=False) & _year_range(filters, "year"))
    if filters.programme_id is not None:
        enrolments = enrolments.filter(course__programme_id=filters.programme_id)
    if filters.partner_id is not None:
        enrolments = enrolments.filter(course__programme__partner_id=filters.partner_id)
    return (
        enrolments.values("year", partner_id=F("course__programme__partner_id"))
        .annotate(
            partner_name_en=F("course__programme__partner__name_en"),
            partner_name_fr=F("course__programme__partner__name_fr"),
            value=Count("person", distinct=True),
        )
        .order_by("year", "partner_name_en", "partner_id")
    )


def certificates_issued_series(filters: ReportFilters) -> QuerySet[Certificate, dict[str, Any]]:
    """Certificates issued, per issuer and year of issue, revoked and superseded included.

    Rows: ``year``, ``issuer_id``, ``issuer_name_en``/``_fr`` (the organisation's current
    name), ``value``. One query.
    """
    certificates = Certificate.objects.annotate(year=ExtractYear("issued_on")).filter(
        _year_range(filters, "year")
    )
    if filters.programme_id is not None:
        certificates = certificates.filter(enrolment__course__programme_id=filters.programme_id)
    if filters.partner_id is not None:
        certificates = certificates.filter(
            enrolment__course__programme__partner_id=filters.partner_id
        )
    if filters.issuer_id is not None:
        certificates = certificates.filter(issued_by_id=filters.issuer_id)
    return (
        certificates.values("year", issuer_id=F("issued_by_id"))
        .annotate(
            issuer_name_en=F("issued_by__name_en"),
            issuer_name_fr=F("issued_by__name_fr"),
            value=Count("pk"),
        )
        .order_by("year", "issuer_name_en", "issuer_id")
    )


@dataclass(frozen=True)
class AttendanceRow:
    """One participant of a course: who they are and how far they went."""

    family_name: str
    given_names: str
    rank: str
    organisation: str
    nationality: str
    status: str
    status_display: str
    attended: bool
    completed: bool
    completed_on: datetime.date | None

    @property
    def nominated(self) -> bool:
        """Everyone on the list was nominated: an enrolment starts with a nomination."""
        return True


def course_attendance(course: Course) -> list[AttendanceRow]:
    """Everyone nominated to ``course``, by name: attended and completed as their status says.

    Personal data. One query.
    """
    enrolments = (
        course.enrolments.select_related("person__organisation")
        .order_by("person__family_name", "person__given_names", "pk")
        .only(
            "course",  # the related manager sets each enrolment's course from it
            "status",
            "completed_on",
            "person__family_name",
            "person__given_names",
            "person__rank",
            "person__nationality",
            "person__organisation__name_en",
            "person__organisation__name_fr",
            "person__organisation__acronym",
        )
    )
    return [
        AttendanceRow(
            family_name=enrolment.person.family_name,
            given_names=enrolment.person.given_names,
            rank=enrolment.person.rank,
            organisation=_organisation_name(enrolment.person.organisation),
            nationality=str(enrolment.person.nationality.code or ""),
            status=enrolment.status,
            status_display=str(enrolment.get_status_display()),
            attended=enrolment.status in ATTENDED_STATUSES,
            completed=enrolment.status == EnrolmentStatus.COMPLETED,
            completed_on=enrolment.completed_on,
        )
        for enrolment in enrolments
    ]


def _organisation_name(organisation: Organisation | None) -> str:
    return "" if organisation is None else organisation.name
