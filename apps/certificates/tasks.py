"""What Celery workers do for certificates: render and store PDFs after issue (README, "Workers").

Queued by ``certificates_pdf_dispatch`` once the issuing transaction has committed, one task per
certificate, so that several workers share a large course.
"""

import logging
from typing import Any

from celery import Task, shared_task
from django.conf import settings
from kombu.exceptions import OperationalError

from apps.certificates.models import Certificate
from apps.certificates.services import certificate_pdf_failure_record, certificate_pdf_store

logger = logging.getLogger(__name__)


class CertificatePdfTask(Task):
    """Rendering a PDF: once its retries are used up, the certificate's PDF status is failed."""

    def on_failure(
        self, exc: Exception, task_id: str, args: tuple, kwargs: dict[str, Any], einfo: Any
    ) -> None:
        certificate = Certificate.objects.filter(pk=kwargs["certificate_id"]).first()
        if certificate is not None:
            certificate_pdf_failure_record(certificate=certificate)


@shared_task(
    base=CertificatePdfTask,
    acks_late=True,
    autoretry_for=(Exception,),
    max_retries=settings.CERTIFICATE_PDF_RETRIES,
    retry_backoff=True,
    retry_backoff_max=settings.CERTIFICATE_PDF_RETRY_MAX_SECONDS,
)
def certificate_pdf_store_task(*, certificate_id: int) -> None:
    """Render and store one certificate's PDF; one already stored is left as it is (frozen).

    Running it twice, or after a download rendered the PDF first, stores nothing more.
    """
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        logger.warning("No certificate %s: no PDF to render", certificate_id)
        return
    certificate_pdf_store(certificate=certificate)


def certificates_pdf_queue(*, certificates: list[Certificate]) -> list[Certificate]:
    """Queue the rendering of each certificate's PDF; answer those the broker did not take.

    A broker that cannot be reached refuses the first one after a few quick retries
    (Celery's publish retry policy); the rest are not tried, and the caller renders them.
    """
    for position, certificate in enumerate(certificates):
        try:
            certificate_pdf_store_task.delay(certificate_id=certificate.pk)
        except OperationalError:
            logger.exception(
                "The worker queue refused certificate %s: %d PDF(s) rendered in this process",
                certificate.serial,
                len(certificates) - position,
            )
            return certificates[position:]
    return []
