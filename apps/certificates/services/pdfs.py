"""Rendering and storing certificates' PDFs after issue, by the workers or here, once."""

import hashlib
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.certificates.models import Certificate
from apps.certificates.pdf import certificate_pdf_render

logger = logging.getLogger(__name__)

PDF_STORED_REASON = _("PDF rendered and stored.")
PDF_FAILED_REASON = _("Rendering the PDF failed; it is rendered again later.")


def certificate_pdf_store(*, certificate: Certificate) -> Certificate:
    """Render, store and hash a certificate's PDF, once: a stored PDF is never replaced.

    A rendering that fails raises, and leaves the certificate as it was.
    """
    if certificate.pdf:
        return certificate
    content = certificate_pdf_render(certificate)  # outside any lock: rendering takes time
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not locked.pdf:
            locked.pdf.save(f"{locked.serial}.pdf", ContentFile(content), save=False)
            locked.pdf_sha256 = hashlib.sha256(content).hexdigest()
            locked.pdf_failed_at = None
            locked._change_reason = str(PDF_STORED_REASON)
            locked.save(update_fields=["pdf", "pdf_sha256", "pdf_failed_at"])
    certificate.refresh_from_db(fields=["pdf", "pdf_sha256", "pdf_failed_at", "updated_at"])
    return certificate


def certificate_pdf_failure_record(*, certificate: Certificate) -> Certificate:
    """Record that rendering a certificate's PDF failed for good: its PDF status is failed.

    Nothing changes if the PDF was stored meanwhile (another attempt succeeded).
    """
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not locked.pdf:
            locked.pdf_failed_at = timezone.now()
            locked._change_reason = str(PDF_FAILED_REASON)
            locked.save(update_fields=["pdf_failed_at"])
    certificate.refresh_from_db(fields=["pdf", "pdf_sha256", "pdf_failed_at", "updated_at"])
    return certificate


def certificates_pdf_store_pending(*, certificates: Iterable[Certificate]) -> list[Certificate]:
    """Store the PDF of each certificate that has none, here and now; answer those stored.

    A failure is logged and recorded (the PDF status says failed), and the others go on.
    """
    stored = []
    for certificate in certificates:
        try:
            stored.append(certificate_pdf_store(certificate=certificate))
        except Exception:
            logger.exception("Rendering the PDF of certificate %s failed", certificate.serial)
            certificate_pdf_failure_record(certificate=certificate)
    return stored


def certificates_pdf_dispatch(*, certificates: list[Certificate]) -> None:
    """Have each certificate's PDF rendered and stored: by the workers, or else here.

    With a broker (``CELERY_BROKER_URL``) each certificate's rendering is queued for the
    workers and this returns at once; without one, or for those the broker did not take
    (it is down), they are rendered here before this returns.
    """
    if settings.CELERY_BROKER_URL:
        # The tasks call this module's services: imported here, not at the top.
        from apps.certificates.tasks import certificates_pdf_queue

        certificates = certificates_pdf_queue(certificates=certificates)
    certificates_pdf_store_pending(certificates=certificates)


def store_pdfs_after_commit(certificates: list[Certificate]) -> None:
    """Render after commit; rendered here, the caller's instances get the stored PDF and hash."""
    transaction.on_commit(lambda: certificates_pdf_dispatch(certificates=certificates))
