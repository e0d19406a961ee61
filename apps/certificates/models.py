import secrets

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.enrolments.models import EnrolmentStatus

ENROLMENT_NOT_COMPLETED_ERROR = _("A certificate is issued only for a completed enrolment.")
ONE_CURRENT_CERTIFICATE_ERROR = _("This enrolment already holds a current certificate.")
REVOCATION_FIELDS_ERROR = _(
    "A revoked certificate records when and why it was revoked; a valid one records neither."
)


def new_verification_code() -> str:
    """256 random bits, URL-safe; unrelated to the serial so codes cannot be enumerated."""
    return secrets.token_urlsafe(32)


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("valid")
    REVOKED = "revoked", _("revoked")
    SUPERSEDED = "superseded", _("superseded")


class CertificateManager(models.Manager["Certificate"]):
    def get_by_natural_key(self, serial: str) -> "Certificate":
        return self.get(serial=serial)


class Certificate(TimeStampedModel):
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

    objects = CertificateManager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "serial"]
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
        ]

    def __str__(self) -> str:
        return self.serial

    def get_absolute_url(self) -> str:
        return reverse("admin:certificates_certificate_change", args=[self.pk])

    def natural_key(self) -> tuple[str]:
        return (self.serial,)

    def clean(self) -> None:
        if not self._state.adding:
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
        current = Certificate.objects.filter(enrolment=enrolment).exclude(
            status=CertificateStatus.SUPERSEDED
        )
        if self.status != CertificateStatus.SUPERSEDED and current.exists():
            raise ValidationError(
                {"enrolment": ValidationError(ONE_CURRENT_CERTIFICATE_ERROR, code="one_current")}
            )
