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
from apps.core.validators import validate_percent_escapes

PARENT_CYCLE_ERROR = _("An organisation cannot belong to itself or to one of its own units.")
SERIAL_PREFIX_FORMAT_ERROR = _(
    "2 to 12 capital letters or digits, starting with a letter, e.g. JFCBS."
)
SERIAL_PREFIX_TAKEN_ERROR = _("Another organisation uses this serial prefix.")
SERIAL_PREFIX_IN_USE_ERROR = _(
    "Certificates were issued under the serial prefix {prefix}: it cannot change, or their "
    "serials would no longer name their issuer."
)


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
    website = models.URLField(_("website"), blank=True, validators=[validate_percent_escapes])
    serial_prefix = models.CharField(
        _("certificate serial prefix"),
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Z][A-Z0-9]{1,11}$", SERIAL_PREFIX_FORMAT_ERROR, code="serial_prefix_format"
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
                violation_error_message=SERIAL_PREFIX_TAKEN_ERROR,
                violation_error_code="serial_prefix_taken",
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
        errors = {
            **self._parent_cycle(),
            **self._serial_prefix_taken(),
            **self._serial_prefix_change(),
        }
        if errors:
            raise ValidationError(errors)

    def _parent_cycle(self) -> dict[str, ValidationError]:
        try:
            ancestor = self.parent
        except (ObjectDoesNotExist, ValueError, TypeError):
            return {}  # an unknown parent: clean_fields() reports it
        seen: set[int] = set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor is self or (self.pk is not None and ancestor.pk == self.pk):
                return {"parent": ValidationError(PARENT_CYCLE_ERROR, code="parent_cycle")}
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        return {}

    def _serial_prefix_taken(self) -> dict[str, ValidationError]:
        # The unique constraint has a condition, so Django reports it for the whole form;
        # checked here too so that the error stands at the field.
        taken = Organisation.objects.exclude(pk=self.pk).filter(serial_prefix=self.serial_prefix)
        if self.serial_prefix and taken.exists():
            error = ValidationError(SERIAL_PREFIX_TAKEN_ERROR, code="serial_prefix_taken")
            return {"serial_prefix": error}
        return {}

    def _serial_prefix_change(self) -> dict[str, ValidationError]:
        """A serial prefix is frozen once a certificate was issued under it.

        Serials print the prefix and verifiers abroad read the issuer from it; renaming (or
        clearing) it would orphan the serials already issued.
        """
        if self._state.adding or self.pk is None:
            return {}
        stored = (
            Organisation.objects.filter(pk=self.pk).values_list("serial_prefix", flat=True).first()
        )
        # The reverse relation, not an import: certificates sit above organisations.
        if stored and stored != self.serial_prefix and self.certificates_issued.exists():
            message = SERIAL_PREFIX_IN_USE_ERROR.format(prefix=stored)
            return {"serial_prefix": ValidationError(message, code="serial_prefix_in_use")}
        return {}
