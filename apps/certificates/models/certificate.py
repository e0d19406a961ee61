"""A certificate: what it attests, frozen at issue, and how it is verified."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from apps.certificates.models.querysets import (
    CertificateManager,
    CertificateStatus,
    PdfStatus,
    pdf_status_of,
)
from apps.core.dates import DatePrecision, date_range_text, date_text, format_partial_date
from apps.core.languages import country_name, localised
from apps.core.models import FoldedNamesModel, TimeStampedModel
from apps.core.sites import absolute_url
from apps.enrolments.models import EnrolmentStatus

ENROLMENT_NOT_COMPLETED_ERROR = _("A certificate is issued only for a completed enrolment.")
ONE_CURRENT_CERTIFICATE_ERROR = _("This enrolment already holds a current certificate.")
REVOCATION_FIELDS_ERROR = _(
    "A revoked certificate records when and why it was revoked; a valid one records neither."
)
PDF_FIELDS_ERROR = _("A stored PDF always has its SHA-256, and a SHA-256 always its PDF.")
PDF_FAILED_BUT_STORED_ERROR = _("A certificate whose PDF is stored has no failed rendering.")
SUPERSESSION_FIELDS_ERROR = _("A correcting certificate records why it supersedes the other.")
FROZEN_FIELD_ERROR = _(
    "An issued certificate cannot be changed: correct it by issuing a new one that supersedes it."
)
STORED_ONCE_ERROR = _("A certificate's PDF is stored once and never replaced.")


def new_verification_code() -> str:
    """256 random bits, URL-safe; unrelated to the serial so codes cannot be enumerated."""
    return secrets.token_urlsafe(32)


def default_languages() -> list[str]:
    return ["en", "fr"]


def certificate_pdf_path(certificate: "Certificate", filename: str) -> str:
    """Stored as certificates/<year>/<serial>.pdf: one file per certificate, never replaced."""
    return f"certificates/{certificate.issued_on:%Y}/{certificate.serial}.pdf"


class Certificate(FoldedNamesModel, TimeStampedModel):
    """A certificate issued for one completed enrolment. Never deleted: revoked or superseded.

    Personal data: never shown to anonymous users (public verification shows only what the
    certificate itself prints).
    """

    enrolment = models.ForeignKey(
        "enrolments.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    serial = models.CharField(_("serial number"), max_length=40, unique=True)
    verification_code = models.CharField(
        _("verification code"),
        max_length=64,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="certificates_issued",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        help_text=_("The earlier certificate this one corrects."),
    )
    supersession_reason = models.TextField(
        _("reason for the correction"),
        blank=True,
        help_text=_("Why this certificate supersedes the earlier one."),
    )

    # What the certificate attests, copied at issue: later edits of the person, the course,
    # the programme or the issuer never change an issued certificate.
    holder_name = models.CharField(_("holder's name as printed"), max_length=500)
    holder_family_name = models.CharField(
        _("holder's family name"),
        max_length=150,
        help_text=_("With the serial, what a verifier types to look the certificate up."),
    )
    # Derived from the printed names (apps.core.names.fold_name), not printed: for the
    # verifier's lookup and for searching however the name is typed.
    holder_name_folded = models.TextField(_("holder's name, folded"), editable=False, default="")
    holder_family_name_folded = models.TextField(
        _("holder's family name, folded"), editable=False, default=""
    )

    FOLDED_NAMES = {
        "holder_name_folded": ("holder_name",),
        "holder_family_name_folded": ("holder_family_name",),
    }
    course_title_en = models.CharField(_("course title (English)"), max_length=255)
    course_title_fr = models.CharField(_("course title (French)"), max_length=255, blank=True)
    course_start_date = models.DateField(_("course start"), null=True, blank=True)
    course_start_precision = models.CharField(
        _("course start precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    course_end_date = models.DateField(_("course end"), null=True, blank=True)
    course_end_precision = models.CharField(
        _("course end precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    course_city = models.CharField(_("course city"), max_length=120, blank=True)
    course_country = CountryField(_("course country"), blank=True)
    programme_title_en = models.CharField(_("programme (English)"), max_length=255)
    programme_title_fr = models.CharField(_("programme (French)"), max_length=255, blank=True)
    issuer_name_en = models.CharField(_("issuer (English)"), max_length=255)
    issuer_name_fr = models.CharField(_("issuer (French)"), max_length=255, blank=True)
    languages = models.JSONField(
        _("languages"),
        default=default_languages,
        help_text=_("The languages the certificate is printed in, as ISO 639-1 codes."),
    )
    pdf = models.FileField(_("PDF"), upload_to=certificate_pdf_path, blank=True, max_length=200)
    pdf_sha256 = models.CharField(
        _("SHA-256 of the PDF"),
        max_length=64,
        blank=True,
        help_text=_("Recorded when the PDF is stored; a verifier's file must match it."),
    )
    pdf_failed_at = models.DateTimeField(
        _("PDF rendering failed at"),
        null=True,
        blank=True,
        help_text=_(
            "When rendering the PDF last failed for good (a worker's retries used up); empty "
            "once the PDF is stored. Rendered again by the store_certificate_pdfs command or "
            "the first download."
        ),
    )

    history = HistoricalRecords()
    objects = CertificateManager()

    # What an issued certificate attests and how it is identified: no channel changes these
    # (a correction is a new certificate). Status and revocation change by revoking and
    # superseding; the PDF and its hash are written once, after the issuing transaction.
    FROZEN_FIELDS = (
        "enrolment",
        "serial",
        "verification_code",
        "issued_on",
        "issued_by",
        "supersedes",
        "supersession_reason",
        "holder_name",
        "holder_family_name",
        "course_title_en",
        "course_title_fr",
        "course_start_date",
        "course_start_precision",
        "course_end_date",
        "course_end_precision",
        "course_city",
        "course_country",
        "programme_title_en",
        "programme_title_fr",
        "issuer_name_en",
        "issuer_name_fr",
        "languages",
    )
    STORED_ONCE_FIELDS = ("pdf", "pdf_sha256")

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "serial"]
        indexes = [
            # The list's order: a page is read from the index, not sorted from the whole table.
            models.Index(fields=["-issued_on", "serial", "id"], name="certificate_list_order_idx"),
            # The dashboard's counts of the year's revocations and of failed PDFs: a few rows
            # each, found without reading the whole table.
            models.Index(
                fields=["revoked_at"],
                condition=Q(status=CertificateStatus.REVOKED),
                name="certificate_revoked_at_idx",
            ),
            models.Index(
                fields=["pdf_failed_at"],
                condition=Q(pdf_failed_at__isnull=False),
                name="certificate_pdf_failed_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=~Q(status=CertificateStatus.SUPERSEDED),
                name="%(app_label)s_%(class)s_one_current_per_enrolment",
                violation_error_message=ONE_CURRENT_CERTIFICATE_ERROR,
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=CertificateStatus.REVOKED, revoked_at__isnull=False)
                    & ~Q(revocation_reason="")
                )
                | (
                    ~Q(status=CertificateStatus.REVOKED)
                    & Q(revoked_at__isnull=True, revocation_reason="")
                ),
                name="%(app_label)s_%(class)s_revocation_recorded",
                violation_error_message=REVOCATION_FIELDS_ERROR,
                violation_error_code="revocation_fields",
            ),
            models.CheckConstraint(
                condition=Q(pdf="", pdf_sha256="")
                | (~Q(pdf="") & Q(pdf_sha256__regex=r"^[0-9a-f]{64}$")),
                name="%(app_label)s_%(class)s_pdf_with_its_hash",
                violation_error_message=PDF_FIELDS_ERROR,
                violation_error_code="pdf_fields",
            ),
            models.CheckConstraint(
                condition=Q(pdf="") | Q(pdf_failed_at__isnull=True),
                name="%(app_label)s_%(class)s_stored_pdf_not_failed",
                violation_error_message=PDF_FAILED_BUT_STORED_ERROR,
                violation_error_code="pdf_failed_but_stored",
            ),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True, supersession_reason="")
                | (Q(supersedes__isnull=False) & ~Q(supersession_reason="")),
                name="%(app_label)s_%(class)s_supersession_recorded",
                violation_error_message=SUPERSESSION_FIELDS_ERROR,
                violation_error_code="supersession_fields",
            ),
            models.CheckConstraint(
                condition=~Q(supersedes=F("pk")),
                name="%(app_label)s_%(class)s_not_superseding_itself",
            ),
        ]

    def __str__(self) -> str:
        return self.serial

    def get_absolute_url(self) -> str:
        return reverse("admin:certificates_certificate_change", args=[self.pk])

    def natural_key(self) -> tuple[str]:
        return (self.serial,)

    @property
    def course_title(self) -> str:
        return localised(self, "course_title")

    @property
    def programme_title(self) -> str:
        return localised(self, "programme_title")

    @property
    def issuer_name(self) -> str:
        return localised(self, "issuer_name")

    @property
    def course_start_display(self) -> str:
        return format_partial_date(self.course_start_date, self.course_start_precision)

    @property
    def course_end_display(self) -> str:
        return format_partial_date(self.course_end_date, self.course_end_precision)

    @property
    def pdf_status(self) -> PdfStatus:
        """Stored, or pending (being rendered), or failed (to be rendered again)."""
        return pdf_status_of(self.pdf, self.pdf_failed_at)

    @property
    def revoked_on(self) -> datetime.date | None:
        """The calendar date (``TIME_ZONE``) of a revocation, as verifiers are told it."""
        if self.status != CertificateStatus.REVOKED or self.revoked_at is None:
            return None
        return timezone.localdate(self.revoked_at)

    def verification_path(self) -> str:
        """The public verification page, on whichever host is asked."""
        return reverse("certificates:verify", args=[self.verification_code])

    def verification_url(self) -> str:
        """The public verification page's absolute address, as the PDF and its QR code print it."""
        return absolute_url(self.verification_path())

    def printed_text(self, language: str) -> dict[str, str]:
        """What one column of the certificate prints, in ``language``.

        Empty French fields fall back to English. The PDF and the public verification page
        both show these words, so the page reads as the certificate does.
        """

        def field(name: str) -> str:
            return getattr(self, f"{name}_{language}", "") or getattr(self, f"{name}_en")

        country = country_name(str(self.course_country or ""), language)
        return {
            "course_title": field("course_title"),
            "dates": date_range_text(
                self.course_start_date,
                self.course_start_precision,
                self.course_end_date,
                self.course_end_precision,
                language,
            ),
            "place": ", ".join(part for part in (self.course_city, country) if part),
            "programme_title": field("programme_title"),
            "issuer_name": field("issuer_name"),
            "issued_on": date_text(self.issued_on, DatePrecision.DAY, language),
        }

    def frozen_field_errors(self) -> dict[str, ValidationError]:
        """What this unsaved state would change of the stored certificate that may not change."""
        stored = Certificate._base_manager.filter(pk=self.pk).first()
        if stored is None:
            return {}
        errors = {}
        for name in self.FROZEN_FIELDS:
            field = self._meta.get_field(name)
            if field.value_to_string(self) != field.value_to_string(stored):
                errors[name] = ValidationError(FROZEN_FIELD_ERROR, code="frozen")
        for name in self.STORED_ONCE_FIELDS:
            field = self._meta.get_field(name)
            before = field.value_to_string(stored)
            if before and field.value_to_string(self) != before:
                errors[name] = ValidationError(STORED_ONCE_ERROR, code="stored_once")
        return errors

    def clean(self) -> None:
        if not self._state.adding:
            if errors := self.frozen_field_errors():
                raise ValidationError(errors)
            return
        try:
            enrolment = self.enrolment
        except (ObjectDoesNotExist, ValueError, TypeError):
            return  # no or an unknown enrolment: clean_fields() reports it
        if enrolment.status != EnrolmentStatus.COMPLETED:
            raise ValidationError(
                {"enrolment": ValidationError(ENROLMENT_NOT_COMPLETED_ERROR, code="not_completed")}
            )
        # The conditional unique constraint is only validated when ``status`` is among the
        # fields being cleaned (admin and API forms may leave it out): check it here too.
        current = Certificate.objects.filter(enrolment=enrolment).current()
        if self.status != CertificateStatus.SUPERSEDED and current.exists():
            raise ValidationError(
                {"enrolment": ValidationError(ONE_CURRENT_CERTIFICATE_ERROR, code="one_current")}
            )
