from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from apps.core.languages import localised
from apps.core.models import SlugNaturalKeyManager, TimeStampedModel

PARENT_CYCLE_ERROR = _("An organisation cannot belong to itself or to one of its own units.")


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", _("ministry")
    ALLIANCE = "alliance", _("alliance")
    COMMAND = "command", _("command")
    TRAINING_TEAM = "training_team", _("training team")
    NEWS_AGENCY = "news_agency", _("news agency")
    OTHER = "other", _("other")


class Organisation(TimeStampedModel):
    """A body that takes part in training or reports on it.

    Organisations nest: NATO's Mobile Training Team belongs to JFC Brunssum, which belongs to
    NATO.
    """

    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Stable identifier, e.g. jfc-brunssum.")
    )
    name_en = models.CharField(_("name (English)"), max_length=255)
    name_fr = models.CharField(_("name (French)"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_("ISO 3166-1 country; empty for international bodies such as NATO."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    website = models.URLField(_("website"), blank=True)
    serial_prefix = models.CharField(
        _("certificate serial prefix"),
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Z][A-Z0-9]{1,11}$",
                _("2 to 12 capital letters or digits, starting with a letter, e.g. JFCBS."),
            )
        ],
        help_text=_(
            "Set on organisations that issue certificates: serials read PREFIX-YEAR-NUMBER. "
            "A unit without one issues under the nearest parent that has one."
        ),
    )

    history = HistoricalRecords()
    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="%(app_label)s_%(class)s_not_own_parent"
            ),
            models.UniqueConstraint(
                fields=["serial_prefix"],
                condition=~Q(serial_prefix=""),
                name="%(app_label)s_%(class)s_unique_serial_prefix",
                violation_error_message=_("Another organisation uses this serial prefix."),
            ),
        ]

    def __str__(self) -> str:
        if self.acronym:
            return f"{self.name} ({self.acronym})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:organisations_organisation_change", args=[self.pk])

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def name(self) -> str:
        return localised(self, "name")

    def clean(self) -> None:
        try:
            ancestor = self.parent
        except (ObjectDoesNotExist, ValueError, TypeError):
            return  # an unknown parent: clean_fields() reports it
        seen: set[int] = set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor is self or (self.pk is not None and ancestor.pk == self.pk):
                raise ValidationError(
                    {"parent": ValidationError(PARENT_CYCLE_ERROR, code="parent_cycle")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
