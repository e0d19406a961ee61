"""Who delivered a course: trainers' assignments and their roles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.courses.models.course import Course
from apps.people.models import uid_names


class TrainerRole(models.TextChoices):
    LEAD = "lead", _("lead trainer")
    INSTRUCTOR = "instructor", _("instructor")
    GUEST_SPEAKER = "guest_speaker", _("guest speaker")


class CourseTrainerManager(models.Manager["CourseTrainer"]):
    def get_by_natural_key(self, course_slug: str, person_uid: str) -> "CourseTrainer":
        return self.get(uid_names(person_uid, "trainer__person__"), course__slug=course_slug)


class CourseTrainer(models.Model):
    """A trainer's assignment to a course, with the role they held."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="trainer_roles"
    )
    trainer = models.ForeignKey(
        "people.Trainer",
        verbose_name=_("trainer"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    role = models.CharField(_("role"), max_length=20, choices=TrainerRole.choices)

    history = HistoricalRecords()
    objects = CourseTrainerManager()

    class Meta:
        verbose_name = _("course trainer")
        verbose_name_plural = _("course trainers")
        ordering = ["course", "role", "trainer"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "trainer"],
                name="%(app_label)s_%(class)s_unique_trainer",
                violation_error_message=_("This trainer is already assigned to the course."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainer} – {self.get_role_display()}"

    def natural_key(self) -> tuple[str, str]:
        return (*self.course.natural_key(), *self.trainer.natural_key())

    natural_key.dependencies = ["courses.course", "people.trainer"]
