"""The parts of a course: lessons, exercises on a scenario, familiarisation, briefings."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.languages import localised
from apps.courses.models.course import Course


class CoursePartKind(models.TextChoices):
    THEORY = "theory", _("theory")
    PRACTICAL_EXERCISE = "practical_exercise", _("practical exercise")
    FAMILIARISATION = "familiarisation", _("familiarisation")
    BRIEFING = "briefing", _("briefing")


class CoursePartManager(models.Manager["CoursePart"]):
    def get_by_natural_key(self, course_slug: str, position: int) -> "CoursePart":
        return self.get(course__slug=course_slug, position=position)


class CoursePart(models.Model):
    """A lesson, exercise, familiarisation session or briefing within a course."""

    # PROTECT, not CASCADE: a course's parts are records of what was taught, so a course
    # is deleted only once nothing belongs to it.
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="parts"
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        validators=[MinValueValidator(1), MaxValueValidator(32767)],
        help_text=_("Order of the part within the course, from 1."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CoursePartKind.choices)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_fr = models.CharField(_("title (French)"), max_length=255, blank=True)
    scenario_en = models.TextField(
        _("scenario (English)"), blank=True, help_text=_("The scenario an exercise is built on.")
    )
    scenario_fr = models.TextField(_("scenario (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    audience_en = models.CharField(_("audience (English)"), max_length=255, blank=True)
    audience_fr = models.CharField(_("audience (French)"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = CoursePartManager()

    class Meta:
        verbose_name = _("course part")
        verbose_name_plural = _("course parts")
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "position"],
                name="%(app_label)s_%(class)s_unique_position",
                violation_error_message=_("The course already has a part at this position."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1),
                name="%(app_label)s_%(class)s_position_from_one",
                violation_error_message=_("Parts are numbered from 1."),
                violation_error_code="position_from_one",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"

    def natural_key(self) -> tuple[str, int]:
        return (*self.course.natural_key(), self.position)

    natural_key.dependencies = ["courses.course"]

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def scenario(self) -> str:
        return localised(self, "scenario")

    @property
    def description(self) -> str:
        return localised(self, "description")

    @property
    def audience(self) -> str:
        return localised(self, "audience")
