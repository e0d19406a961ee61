"""Certificates and the serial counters they are numbered from; one module per concept."""

from apps.certificates.models.certificate import (
    ENROLMENT_NOT_COMPLETED_ERROR,
    FROZEN_FIELD_ERROR,
    ONE_CURRENT_CERTIFICATE_ERROR,
    PDF_FAILED_BUT_STORED_ERROR,
    PDF_FIELDS_ERROR,
    REVOCATION_FIELDS_ERROR,
    STORED_ONCE_ERROR,
    SUPERSESSION_FIELDS_ERROR,
    Certificate,
    certificate_pdf_path,
    default_languages,
    new_verification_code,
)
from apps.certificates.models.querysets import (
    PDF_STATUS_CONDITIONS,
    CertificateManager,
    CertificateQuerySet,
    CertificateStatus,
    PdfStatus,
)
from apps.certificates.models.serials import SerialCounter

__all__ = [
    "ENROLMENT_NOT_COMPLETED_ERROR",
    "FROZEN_FIELD_ERROR",
    "ONE_CURRENT_CERTIFICATE_ERROR",
    "PDF_FAILED_BUT_STORED_ERROR",
    "PDF_FIELDS_ERROR",
    "PDF_STATUS_CONDITIONS",
    "REVOCATION_FIELDS_ERROR",
    "STORED_ONCE_ERROR",
    "SUPERSESSION_FIELDS_ERROR",
    "Certificate",
    "CertificateManager",
    "CertificateQuerySet",
    "CertificateStatus",
    "PdfStatus",
    "SerialCounter",
    "certificate_pdf_path",
    "default_languages",
    "new_verification_code",
]
