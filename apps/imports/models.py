from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class ImportBatchStatus(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("import batch status", "applied")
    UNDONE = "undone", pgettext_lazy("import batch status", "undone")


class ImportBatch(models.Model):
    """One applied import of a spreadsheet into a course: who, when, which file, what it did.

    Every history row the import wrote carries ``history_reason`` as its change reason, which
    is how an undo finds what the batch touched. Dry runs and refused files leave no batch.
    """

    course = models.ForeignKey(
        "courses.Course",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="import_batches",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, help_text=_("Of the uploaded file."))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now, editable=False)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    people_created = models.PositiveIntegerField(_("people created"), default=0)
    people_changed = models.PositiveIntegerField(_("people changed"), default=0)
    enrolments_created = models.PositiveIntegerField(_("enrolments created"), default=0)
    enrolments_changed = models.PositiveIntegerField(_("enrolments changed"), default=0)
    unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ImportBatchStatus.choices,
        default=ImportBatchStatus.APPLIED,
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="applied", undone_at__isnull=True)
                | models.Q(status="undone", undone_at__isnull=False),
                name="%(app_label)s_%(class)s_undone_when_dated",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("admin:imports_importbatch_change", args=[self.pk])

    @property
    def history_reason(self) -> str:
        """The change reason of every history row this batch wrote (max. 100 characters)."""
        return f"Import batch {self.pk}"

    @property
    def undo_reason(self) -> str:
        """The change reason of every history row its undo wrote."""
        return f"Undo of import batch {self.pk}"
