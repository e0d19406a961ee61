from django.conf import global_settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.dates import (
    DatePrecision,
    clean_date_with_precision,
    format_partial_date,
    precision_matches_date,
)
from apps.core.models import SlugNaturalKeyManager, TimeStampedModel
from apps.core.validators import validate_percent_escapes

REPORTING_CYCLE_ERROR = _("A source cannot be reported from itself or from a source that cites it.")
DATE_PRECISION_ERROR = _("A date is empty exactly when its precision is unknown.")


def language_choices() -> list[tuple[str, str]]:
    """Every language Django knows, by ISO 639-1 code (plus a few regional variants).

    A callable, so that migrations refer to it instead of copying the list.
    """
    return sorted(global_settings.LANGUAGES, key=lambda item: str(item[1]))


class SourceKind(models.TextChoices):
    ANNOUNCEMENT = "announcement", _("official announcement")
    NEWS_REPORT = "news_report", _("news report")
    OFFICIAL_DOCUMENT = "official_document", _("official document")
    OTHER = "other", _("other")


class Source(TimeStampedModel):
    """A document that records rest on: an announcement, a news report, an official paper.

    ``reported_from`` follows the chain of reporting: the ministry announced it, Trend reported
    the announcement, Nova reported Trend.
    """

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    publisher = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("publisher"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources_published",
        help_text=_("Empty when the publisher is not known."),
    )
    title = models.CharField(
        _("title"),
        max_length=500,
        blank=True,
        help_text=_("As published, in the source's language; empty when not known."),
    )
    language = models.CharField(_("language"), max_length=10, choices=language_choices, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_precision = models.CharField(
        _("precision of the publication date"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    url = models.URLField(
        _("URL"), max_length=500, blank=True, validators=[validate_percent_escapes]
    )
    excerpt = models.TextField(_("excerpt"), blank=True, help_text=_("Quoted as published."))
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("What the source is, where a copy is kept.")
    )
    reported_from = models.ForeignKey(
        "self",
        verbose_name=_("reported from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_by",
        help_text=_("The source this one reports, e.g. the announcement a news agency relayed."),
    )
    programmes = models.ManyToManyField(
        "programmes.Programme",
        verbose_name=_("programmes"),
        through="ProgrammeSource",
        blank=True,
        related_name="sources",
        help_text=_("The programmes this source supports."),
    )
    courses = models.ManyToManyField(
        "courses.Course",
        verbose_name=_("courses"),
        through="CourseSource",
        blank=True,
        related_name="sources",
        help_text=_("The courses this source supports."),
    )

    history = HistoricalRecords()
    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = [F("published_on").desc(nulls_last=True), "slug"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reported_from=F("pk")),
                name="%(app_label)s_%(class)s_not_reported_from_itself",
            ),
            models.CheckConstraint(
                condition=precision_matches_date("published_on", "published_precision"),
                name="%(app_label)s_%(class)s_published_precision",
                violation_error_message=DATE_PRECISION_ERROR,
                violation_error_code="date_precision",
            ),
        ]

    def __str__(self) -> str:
        publisher = str(self.publisher) if self.publisher else _("unknown publisher")
        label = self.title or self.get_kind_display()
        if len(label) > 80:
            label = label[:79] + "…"
        return f"{publisher}: {label}"

    def get_absolute_url(self) -> str:
        return reverse("admin:sources_source_change", args=[self.pk])

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    @property
    def published_display(self) -> str:
        return format_partial_date(self.published_on, self.published_precision)

    @property
    def reporting_chain(self) -> list["Source"]:
        """This source, then the one it reports, and so on to the original."""
        chain: list[Source] = []
        current: Source | None = self
        while current is not None and current not in chain:
            chain.append(current)
            current = current.reported_from
        return chain

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        self.published_on, found = clean_date_with_precision(
            self.published_on, self.published_precision
        )
        for part, message in found.items():
            field = "published_on" if part == "date" else "published_precision"
            errors[field] = ValidationError(message, code="date_precision")
        try:
            ancestor = self.reported_from
        except (ObjectDoesNotExist, ValueError, TypeError):
            ancestor = None  # an unknown source: clean_fields() reports it
        seen: set[int] = set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor is self or (self.pk is not None and ancestor.pk == self.pk):
                errors["reported_from"] = ValidationError(
                    REPORTING_CYCLE_ERROR, code="reporting_cycle"
                )
                break
            seen.add(ancestor.pk)
            ancestor = ancestor.reported_from
        if errors:
            raise ValidationError(errors)


class ProgrammeSourceManager(models.Manager["ProgrammeSource"]):
    def get_by_natural_key(self, source_slug: str, programme_slug: str) -> "ProgrammeSource":
        return self.get(source__slug=source_slug, programme__slug=programme_slug)


class ProgrammeSource(models.Model):
    """That a source supports a programme. Both are protected while the link exists."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="programme_links"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="source_links",
    )

    history = HistoricalRecords()
    objects = ProgrammeSourceManager()

    class Meta:
        verbose_name = _("supporting source")
        verbose_name_plural = _("supporting sources")
        ordering = ["programme", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "programme"],
                name="%(app_label)s_%(class)s_unique_link",
                violation_error_message=_("This source is already linked to the programme."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.source)

    def natural_key(self) -> tuple[str, str]:
        return (*self.source.natural_key(), *self.programme.natural_key())

    natural_key.dependencies = ["sources.source", "programmes.programme"]


class CourseSourceManager(models.Manager["CourseSource"]):
    def get_by_natural_key(self, source_slug: str, course_slug: str) -> "CourseSource":
        return self.get(source__slug=source_slug, course__slug=course_slug)


class CourseSource(models.Model):
    """That a source supports a course. Both are protected while the link exists."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="course_links"
    )
    course = models.ForeignKey(
        "courses.Course",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="source_links",
    )

    history = HistoricalRecords()
    objects = CourseSourceManager()

    class Meta:
        verbose_name = _("supporting source")
        verbose_name_plural = _("supporting sources")
        ordering = ["course", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "course"],
                name="%(app_label)s_%(class)s_unique_link",
                violation_error_message=_("This source is already linked to the course."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.source)

    def natural_key(self) -> tuple[str, str]:
        return (*self.source.natural_key(), *self.course.natural_key())

    natural_key.dependencies = ["sources.source", "courses.course"]
