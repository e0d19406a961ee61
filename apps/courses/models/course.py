"""A course: one delivery of a training activity, its dates, status and the rules on them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from apps.core.dates import (
    DatePrecision,
    clean_date_with_precision,
    earliest_day,
    earliest_end,
    format_partial_date,
    period_end,
    precision_matches_date,
)
from apps.core.languages import localised
from apps.core.models import SlugNaturalKeyManager, TimeStampedModel

END_BEFORE_START_ERROR = _("The course cannot end before it starts.")
DATE_PRECISION_ERROR = _("A date is empty exactly when its precision is unknown.")
HELD_BEFORE_START_ERROR = _(
    "The course cannot have been held yet: its start ({start}) is after today. "
    "Record it as planned until it starts."
)

START_AFTER_COMPLETION_ERROR = _(
    "Participants completed the course before this start (the first on {completed_on}): "
    "correct their completion dates first."
)


class CourseStatus(models.TextChoices):
    # A context: French agrees with « formation », feminine, unlike other records' statuses.
    PLANNED = "planned", pgettext_lazy("course status", "planned")
    HELD = "held", pgettext_lazy("course status", "held")
    CANCELLED = "cancelled", pgettext_lazy("course status", "cancelled")


# How far ahead the admin's dashboard and the course list's filter look for courses to come.
UPCOMING_DAYS = 60
KNOWN_PRECISIONS = (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR)


def _on_or_before(field: str, day: datetime.date) -> Q:
    """``field`` (a date with its ``<prefix>_precision``) can be ``day`` or earlier.

    The SQL form of ``earliest_day(value, precision) <= day``: the first day of the date's
    period is not after ``day`` exactly when the date is not after the last day of ``day``'s
    period at the same precision (an end "2027-03" can have come on any day of March 2027).
    """
    precision = field.replace("_date", "_precision")
    condition = Q()
    for known in KNOWN_PRECISIONS:
        condition |= Q(**{precision: known, f"{field}__lte": period_end(day, known)})
    return condition


class CourseQuerySet(models.QuerySet["Course"]):
    def starting_between(self, first: datetime.date, last: datetime.date) -> "CourseQuerySet":
        """The courses whose start lies between ``first`` and ``last``, both included.

        A start known only to the month or the year is its period's first day (as stored):
        a course of "March 2027" starts on 1 March 2027, as the issuing rules judge it.
        """
        return self.filter(start_date__gte=first, start_date__lte=last)

    def upcoming(self, today: datetime.date, days: int = UPCOMING_DAYS) -> "CourseQuerySet":
        """The courses not cancelled that start from ``today`` to ``days`` days later."""
        last = today + datetime.timedelta(days=days)
        return self.exclude(status=CourseStatus.CANCELLED).starting_between(today, last)

    def ended_by(self, day: datetime.date) -> "CourseQuerySet":
        """The courses that can have ended by ``day``: ``Course.earliest_end <= day`` in SQL.

        Neither date can be after ``day`` (an unknown one does not count), and one is known.
        """
        start_can_have_come = Q(start_date__isnull=True) | _on_or_before("start_date", day)
        end_can_have_come = Q(end_date__isnull=True) | _on_or_before("end_date", day)
        return self.filter(start_can_have_come, end_can_have_come).exclude(
            start_date__isnull=True, end_date__isnull=True
        )


class CourseManager(SlugNaturalKeyManager.from_queryset(CourseQuerySet)):
    pass


class Course(TimeStampedModel):
    """One delivery of a training activity under a cooperation programme.

    Dates carry their precision: a press report often gives only the year. ``start_date`` is
    the first day of its period, ``end_date`` the last (see ``apps.core.dates``).
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_fr = models.CharField(_("title (French)"), max_length=255, blank=True)
    pcm_activity = models.CharField(
        _("PCM activity"),
        max_length=64,
        blank=True,
        help_text=_("Reference of the activity in NATO's Partnership Cooperation Menu, if known."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    start_precision = models.CharField(
        _("start precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    end_date = models.DateField(_("end"), null=True, blank=True)
    end_precision = models.CharField(
        _("end precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    delivered_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("delivered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses_delivered",
        help_text=_("The team that delivered the course, e.g. a NATO Mobile Training Team."),
    )
    organised_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses_organised",
        help_text=_("The host, e.g. the partner's ministry of defence."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CourseStatus.choices, default=CourseStatus.PLANNED
    )
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    outcome_en = models.TextField(_("outcome (English)"), blank=True)
    outcome_fr = models.TextField(_("outcome (French)"), blank=True)
    certificates_awarded = models.BooleanField(
        _("certificates awarded"),
        null=True,
        blank=True,
        help_text=_("Whether participants received certificates; empty when not known."),
    )

    history = HistoricalRecords()
    objects = CourseManager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = [F("start_date").desc(nulls_last=True), "title_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="%(app_label)s_%(class)s_end_not_before_start",
                violation_error_message=END_BEFORE_START_ERROR,
                violation_error_code="end_before_start",
            ),
            models.CheckConstraint(
                condition=precision_matches_date("start_date", "start_precision"),
                name="%(app_label)s_%(class)s_start_precision",
                violation_error_message=DATE_PRECISION_ERROR,
                violation_error_code="date_precision",
            ),
            models.CheckConstraint(
                condition=precision_matches_date("end_date", "end_precision"),
                name="%(app_label)s_%(class)s_end_precision",
                violation_error_message=DATE_PRECISION_ERROR,
                violation_error_code="date_precision",
            ),
        ]

    def __str__(self) -> str:
        place = ", ".join(part for part in (self.city, self.start_display) if part)
        return f"{self.title} ({place})" if place else self.title

    def get_absolute_url(self) -> str:
        return reverse("admin:courses_course_change", args=[self.pk])

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def summary(self) -> str:
        return localised(self, "summary")

    @property
    def outcome(self) -> str:
        return localised(self, "outcome")

    @property
    def start_display(self) -> str:
        return format_partial_date(self.start_date, self.start_precision)

    @property
    def end_display(self) -> str:
        return format_partial_date(self.end_date, self.end_precision)

    @property
    def earliest_start(self) -> datetime.date | None:
        """The earliest day the course can have started; ``None`` when its start is unknown."""
        return earliest_day(self.start_date, self.start_precision)

    @property
    def earliest_end(self) -> datetime.date | None:
        """The earliest day the course can have ended; ``None`` when both dates are unknown."""
        return earliest_end(
            self.start_date, self.start_precision, self.end_date, self.end_precision
        )

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        self.start_date, start_errors = clean_date_with_precision(
            self.start_date, self.start_precision
        )
        self.end_date, end_errors = clean_date_with_precision(
            self.end_date, self.end_precision, is_end=True
        )
        for prefix, found in (("start", start_errors), ("end", end_errors)):
            for part, message in found.items():
                field = f"{prefix}_date" if part == "date" else f"{prefix}_precision"
                errors[field] = ValidationError(message, code="date_precision")
        if (
            not errors
            and isinstance(self.start_date, datetime.date)
            and isinstance(self.end_date, datetime.date)
            and self.end_date < self.start_date
        ):
            errors["end_date"] = ValidationError(END_BEFORE_START_ERROR, code="end_before_start")
        if not errors:
            errors.update(self._held_before_start())
            errors.update(self._start_after_completions())
        if errors:
            raise ValidationError(errors)

    def _held_before_start(self) -> dict[str, ValidationError]:
        """A course is held only once it can have started.

        Not a check constraint: it depends on today. Today only moves forward, so a record
        that passed this once never fails it later.
        """
        earliest = self.earliest_start if isinstance(self.start_date, datetime.date) else None
        if self.status != CourseStatus.HELD or earliest is None:
            return {}
        if earliest <= timezone.localdate():
            return {}
        message = HELD_BEFORE_START_ERROR.format(start=self.start_display)
        return {"status": ValidationError(message, code="held_before_start")}

    def _start_after_completions(self) -> dict[str, ValidationError]:
        """A start moved later may not leave participants completing before it."""
        earliest = self.earliest_start if isinstance(self.start_date, datetime.date) else None
        if self._state.adding or self.pk is None or earliest is None:
            return {}
        # The reverse relation, not an import: enrolments sit above courses.
        first = (
            self.enrolments.filter(completed_on__lt=earliest)
            .order_by("completed_on")
            .values_list("completed_on", flat=True)
            .first()
        )
        if first is None:
            return {}
        message = START_AFTER_COMPLETION_ERROR.format(
            completed_on=format_partial_date(first, DatePrecision.DAY)
        )
        return {"start_date": ValidationError(message, code="start_after_completion")}
