from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from apps.core.languages import localised
from apps.core.models import SlugNaturalKeyManager, TimeStampedModel

FIRST_YEAR = 1949  # the North Atlantic Treaty
LAST_YEAR = 2100
END_YEAR_BEFORE_START_ERROR = _("The period cannot end before it starts.")
SAME_SIDES_ERROR = _("The partner side and the NATO side must be different organisations.")


class ProgrammeKind(models.TextChoices):
    IPCP = "ipcp", _("Individual Partnership and Cooperation Programme (IPCP)")
    IPAP = "ipap", _("Individual Partnership Action Plan (IPAP)")
    ITPP = "itpp", _("Individually Tailored Partnership Programme (ITPP)")
    PARP = "parp", _("Planning and Review Process (PARP)")
    OTHER = "other", _("other")


class ProgrammeStatus(models.TextChoices):
    # A context: French agrees with « programme », masculine, unlike other records' statuses.
    DRAFT = "draft", pgettext_lazy("programme status", "draft")
    IN_FORCE = "in_force", pgettext_lazy("programme status", "in force")
    COMPLETED = "completed", pgettext_lazy("programme status", "completed")
    CANCELLED = "cancelled", pgettext_lazy("programme status", "cancelled")


class Programme(TimeStampedModel):
    """A cooperation programme between a partner (usually its ministry of defence) and NATO."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ProgrammeKind.choices)
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_fr = models.CharField(_("title (French)"), max_length=255, blank=True)
    partner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("partner side"),
        on_delete=models.PROTECT,
        related_name="partner_programmes",
        help_text=_("Usually the partner country's ministry of defence."),
    )
    nato_side = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("NATO side"),
        on_delete=models.PROTECT,
        related_name="nato_programmes",
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    status = models.CharField(_("status"), max_length=10, choices=ProgrammeStatus.choices)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    history = HistoricalRecords()
    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = _("cooperation programme")
        verbose_name_plural = _("cooperation programmes")
        ordering = ["-start_year", "title_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")),
                name="%(app_label)s_%(class)s_end_not_before_start",
                violation_error_message=END_YEAR_BEFORE_START_ERROR,
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=FIRST_YEAR, end_year__lte=LAST_YEAR),
                name="%(app_label)s_%(class)s_years_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(partner=F("nato_side")),
                name="%(app_label)s_%(class)s_two_sides",
                violation_error_message=SAME_SIDES_ERROR,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})"

    def get_absolute_url(self) -> str:
        return reverse("admin:programmes_programme_change", args=[self.pk])

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def description(self) -> str:
        return localised(self, "description")

    @property
    def period(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"

    def clean(self) -> None:
        errors = {}
        years = (self.start_year, self.end_year)
        if all(isinstance(year, int) for year in years) and self.end_year < self.start_year:
            errors["end_year"] = ValidationError(
                END_YEAR_BEFORE_START_ERROR, code="end_before_start"
            )
        if self.partner_id and self.partner_id == self.nato_side_id:
            errors["nato_side"] = ValidationError(SAME_SIDES_ERROR, code="same_sides")
        if errors:
            raise ValidationError(errors)
