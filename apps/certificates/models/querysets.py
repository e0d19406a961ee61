"""The statuses of a certificate and of its PDF, and the named reads of certificates."""

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import pgettext_lazy

from apps.core.models import FoldedNamesQuerySet

if TYPE_CHECKING:
    from apps.certificates.models.certificate import Certificate


class CertificateStatus(models.TextChoices):
    VALID = "valid", pgettext_lazy("certificate status", "valid")
    REVOKED = "revoked", pgettext_lazy("certificate status", "revoked")
    SUPERSEDED = "superseded", pgettext_lazy("certificate status", "superseded")


class PdfStatus(models.TextChoices):
    """Where a certificate's PDF is: rendered after issue, by a worker or the issuing process."""

    PENDING = "pending", pgettext_lazy("PDF status", "pending")
    STORED = "stored", pgettext_lazy("PDF status", "stored")
    FAILED = "failed", pgettext_lazy("PDF status", "failed")


def pdf_status_of(pdf: object, failed_at: object) -> PdfStatus:
    """``Certificate.pdf_status`` of a stored file (or its name) and a failure's time."""
    if pdf:
        return PdfStatus.STORED
    return PdfStatus.FAILED if failed_at else PdfStatus.PENDING


# Each status as a condition on the stored fields: the queryset filters and counts with them.
PDF_STATUS_CONDITIONS = {
    PdfStatus.STORED: ~Q(pdf=""),
    PdfStatus.FAILED: Q(pdf="", pdf_failed_at__isnull=False),
    PdfStatus.PENDING: Q(pdf="", pdf_failed_at__isnull=True),
}


class CertificateQuerySet(FoldedNamesQuerySet):
    def current(self) -> "CertificateQuerySet":
        """The certificates that count: valid or revoked, not superseded by a correction.

        An enrolment holds at most one current certificate (a database constraint).
        """
        return self.exclude(status=CertificateStatus.SUPERSEDED)

    def valid(self) -> "CertificateQuerySet":
        """The certificates a verifier is told are valid: current and not revoked."""
        return self.filter(status=CertificateStatus.VALID)

    def of_course(self, course: Any) -> "CertificateQuerySet":
        """The certificates issued for a course's enrolments."""
        return self.filter(enrolment__course=course)

    def with_pdf_status(self, status: str) -> "CertificateQuerySet":
        """The certificates whose PDF is stored, pending or failed (``PdfStatus``)."""
        return self.filter(PDF_STATUS_CONDITIONS[PdfStatus(status)])

    def pdf_counts(self) -> dict[str, int]:
        """How many certificates there are, and how many of them each PDF status holds.

        One query: ``{"issued": 50, "stored": 48, "pending": 1, "failed": 1}``.
        """
        return self.aggregate(
            issued=Count("pk"),
            **{
                str(status): Count("pk", filter=condition)
                for status, condition in PDF_STATUS_CONDITIONS.items()
            },
        )


class CertificateManager(models.Manager.from_queryset(CertificateQuerySet)):
    def get_by_natural_key(self, serial: str) -> "Certificate":
        return self.get(serial=serial)
