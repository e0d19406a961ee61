import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel
from apps.people.models import uid_names

if TYPE_CHECKING:
    from apps.courses.models import Course
    from apps.people.models import Person

CERTIFIED_ENROLMENT_ERROR = _(
    "This enrolment holds a certificate: its course and participant cannot change and it stays "
    "completed. Revoke or supersede the certificate instead."
)
COMPLETED_BEFORE_NOMINATED_ERROR = _("An enrolment cannot be completed before its nomination.")
COMPLETED_IN_FUTURE_ERROR = _("The completion date cannot be after today.")
COMPLETED_BEFORE_COURSE_ERROR = _(
    "The completion date cannot be before the course starts ({start})."
)
NOMINATED_IN_FUTURE_ERROR = _("The nomination date cannot be after today.")
PROGRESS_BEFORE_COURSE_ERROR = _(
    "The course cannot have started yet ({start}): nobody has attended, completed or failed it."
)
COMPLETED_ON_STATUS_ERROR = _("Only a completed or failed enrolment has a completion date.")
DUPLICATE_ENROLMENT_ERROR = _("This person is already enrolled in this course.")
MERGED_PERSON_ERROR = _("This person was merged into {kept}: enrol {kept} instead.")


class EnrolmentStatus(models.TextChoices):
    NOMINATED = "nominated", pgettext_lazy("enrolment status", "nominated")
    CONFIRMED = "confirmed", pgettext_lazy("enrolment status", "confirmed")
    ATTENDED = "attended", pgettext_lazy("enrolment status", "attended")
    COMPLETED = "completed", pgettext_lazy("enrolment status", "completed")
    WITHDRAWN = "withdrawn", pgettext_lazy("enrolment status", "withdrawn")
    FAILED = "failed", pgettext_lazy("enrolment status", "failed")


FINISHED_STATUSES = (EnrolmentStatus.COMPLETED, EnrolmentStatus.FAILED)
# Statuses that say the course took place for the participant.
ATTENDED_STATUSES = (EnrolmentStatus.ATTENDED, *FINISHED_STATUSES)


class EnrolmentManager(models.Manager["Enrolment"]):
    def get_by_natural_key(self, course_slug: str, person_uid: str) -> "Enrolment":
        return self.get(uid_names(person_uid, "person__"), course__slug=course_slug)


class Enrolment(TimeStampedModel):
    """A person's place on a course, from nomination to result. One per person and course.

    Personal data: never shown to anonymous users.
    """

    course = models.ForeignKey(
        "courses.Course",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.NOMINATED,
    )
    nominated_on = models.DateField(_("nominated on"), null=True, blank=True)
    completed_on = models.DateField(
        _("completed on"),
        null=True,
        blank=True,
        help_text=_("The day the participant completed (or failed) the course."),
    )
    result = models.CharField(
        _("result"),
        max_length=255,
        blank=True,
        help_text=_("What the participant achieved, as the course records it."),
    )

    history = HistoricalRecords()
    objects = EnrolmentManager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "person__family_name", "person__given_names"]
        indexes = [
            # A course's enrolments of one status (the year's completions on the dashboard)
            # read from the index alone.
            models.Index(fields=["course", "status"], name="enrolment_course_status_idx"),
            # The admin's filter by year and month of nomination finds its choices here.
            models.Index(fields=["nominated_on"], name="enrolment_nominated_on_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "person"],
                name="%(app_label)s_%(class)s_unique_person_per_course",
                violation_error_message=DUPLICATE_ENROLMENT_ERROR,
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(nominated_on__isnull=True)
                | Q(completed_on__gte=F("nominated_on")),
                name="%(app_label)s_%(class)s_completed_not_before_nominated",
                violation_error_message=COMPLETED_BEFORE_NOMINATED_ERROR,
                violation_error_code="completed_before_nominated",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(status__in=FINISHED_STATUSES),
                name="%(app_label)s_%(class)s_completed_on_only_when_finished",
                violation_error_message=COMPLETED_ON_STATUS_ERROR,
                violation_error_code="completed_on_status",
            ),
        ]

    def __str__(self) -> str:
        # The label read from the enumeration: get_status_display() hashes every choice's
        # lazy label first, 50 µs a call, and the admin's list names each of its 100 rows.
        try:
            status = EnrolmentStatus(self.status).label
        except ValueError:
            status = self.status
        return f"{self.person} – {self.course.title} ({status})"

    def get_absolute_url(self) -> str:
        return reverse("admin:enrolments_enrolment_change", args=[self.pk])

    def natural_key(self) -> tuple[str, str]:
        return (*self.course.natural_key(), *self.person.natural_key())

    natural_key.dependencies = ["courses.course", "people.person"]

    def clean(self) -> None:
        errors = {}
        if self.completed_on and self.status not in FINISHED_STATUSES:
            errors["completed_on"] = ValidationError(
                COMPLETED_ON_STATUS_ERROR, code="completed_on_status"
            )
        elif (
            isinstance(self.completed_on, datetime.date)
            and isinstance(self.nominated_on, datetime.date)
            and self.completed_on < self.nominated_on
        ):
            errors["completed_on"] = ValidationError(
                COMPLETED_BEFORE_NOMINATED_ERROR, code="completed_before_nominated"
            )
        elif isinstance(self.completed_on, datetime.date):
            errors.update(self._completion_outside_course())
        if (
            isinstance(self.nominated_on, datetime.date)
            and self.nominated_on > timezone.localdate()
        ):
            errors["nominated_on"] = ValidationError(
                NOMINATED_IN_FUTURE_ERROR, code="nominated_in_future"
            )
        errors.update(self._progress_before_course())
        errors.update(self._merged_person())
        errors.update(self._certified_changes())
        if errors:
            raise ValidationError(errors)

    def _completion_outside_course(self) -> dict[str, ValidationError]:
        """A completion date lies between the course's earliest start and today.

        Not a check constraint: it depends on today and on the course's row. Today only moves
        forward, so a date that passed once never fails later for that reason.
        """
        if self.completed_on > timezone.localdate():
            return {
                "completed_on": ValidationError(
                    COMPLETED_IN_FUTURE_ERROR, code="completed_in_future"
                )
            }
        course = self._course_or_none()
        start = course.earliest_start if course is not None else None
        if start is not None and self.completed_on < start:
            message = COMPLETED_BEFORE_COURSE_ERROR.format(start=course.start_display)
            return {"completed_on": ValidationError(message, code="completed_before_course")}
        return {}

    def _progress_before_course(self) -> dict[str, ValidationError]:
        """Nobody attends, completes or fails a course before it can have started."""
        if self.status not in ATTENDED_STATUSES:
            return {}
        course = self._course_or_none()
        start = course.earliest_start if course is not None else None
        if start is None or start <= timezone.localdate():
            return {}
        message = PROGRESS_BEFORE_COURSE_ERROR.format(start=course.start_display)
        return {"status": ValidationError(message, code="progress_before_course")}

    def _merged_person(self) -> dict[str, ValidationError]:
        """A person merged into another takes no enrolment: the person kept in their place does.

        Only a new participant is checked: the merge moved the merged person's enrolments to
        the person kept, and an enrolment that still names a merged person stays as it is.
        """
        person = self._person_or_none()
        if person is None or person.merged_into_id is None:
            return {}
        if not self._state.adding and self.pk is not None:
            stored = Enrolment.objects.filter(pk=self.pk).values_list("person_id", flat=True)
            if stored.first() == self.person_id:
                return {}
        message = MERGED_PERSON_ERROR.format(kept=person.merged_into)
        return {"person": ValidationError(message, code="merged_person")}

    def _person_or_none(self) -> "Person | None":
        try:
            return self.person
        except (ObjectDoesNotExist, ValueError, TypeError):
            return None  # no or an unknown person: clean_fields() reports it

    def _course_or_none(self) -> "Course | None":
        try:
            return self.course
        except (ObjectDoesNotExist, ValueError, TypeError):
            return None  # no or an unknown course: clean_fields() reports it

    def holds_current_certificate(self) -> bool:
        """Whether a current certificate rests on this enrolment.

        An import checks many enrolments with one query and tells each the answer
        (``known_current_certificate``), so that validating them costs no query per row.
        """
        known = getattr(self, "known_current_certificate", None)
        if known is not None:
            return known
        # The certificates' own QuerySet, through the reverse relation: this model sits below
        # the certificates app and does not import it.
        return self.certificates.current().exists()

    def _certified_changes(self) -> dict[str, ValidationError]:
        """What may not change once the enrolment holds a current certificate."""
        if self._state.adding or self.pk is None:
            return {}
        if not self.holds_current_certificate():
            return {}
        stored = Enrolment.objects.values("course_id", "person_id", "status").get(pk=self.pk)
        changed = {
            "course": stored["course_id"] != self.course_id,
            "person": stored["person_id"] != self.person_id,
            "status": self.status != EnrolmentStatus.COMPLETED,
        }
        return {
            field: ValidationError(CERTIFIED_ENROLMENT_ERROR, code="certified")
            for field, is_changed in changed.items()
            if is_changed
        }
