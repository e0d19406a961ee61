"""Issuing, rendering, revoking and superseding certificates: the only ways they change.

Issuing is two steps: one short transaction creates every certificate row with its serial
and code, all or nothing, while the issuer's serial counter is locked; after commit each PDF
is rendered, stored and hashed, outside any lock: by Celery workers when a broker is set
(``CELERY_BROKER_URL``), otherwise in the issuing process. A certificate whose rendering
failed has no file yet (its PDF status says failed); ``certificate_pdf_store`` renders it
later, once.

One module per concept: ``checks`` (the refusals issuing and correcting share), ``issuing``,
``pdfs`` and ``revocation`` (revoking and superseding). The services and the texts tests
assert are imported from here.
"""

from apps.certificates.services.checks import (
    COURSE_DATES_UNKNOWN_ERROR,
    COURSE_HOLDS_CERTIFICATES_ERROR,
    COURSE_NOT_ENDED_ERROR,
    COURSE_NOT_HELD_ERROR,
    ISSUER_WITHOUT_PREFIX_ERROR,
    LOOPBACK_SITE_ERROR,
    MORE_SERIALS,
    NO_DELIVERER_ERROR,
    NO_ISSUER_ERROR,
    SERIALS_NAMED,
    certificate_issuer_for,
    course_status_check,
    organisation_to_fix,
)
from apps.certificates.services.issuing import (
    ISSUED_REASON,
    ExcludedEnrolment,
    Exclusion,
    IssuePlan,
    IssueResult,
    certificate_snapshot,
    certificates_issue,
    certificates_preview,
)
from apps.certificates.services.pdfs import (
    PDF_FAILED_REASON,
    PDF_STORED_REASON,
    certificate_pdf_failure_record,
    certificate_pdf_store,
    certificates_pdf_dispatch,
    certificates_pdf_store_pending,
)
from apps.certificates.services.revocation import (
    ALREADY_REVOKED_ERROR,
    CORRECTABLE_FIELDS,
    CORRECTING_REASON,
    REASON_REQUIRED_ERROR,
    REVOKED_CANNOT_BE_SUPERSEDED_ERROR,
    REVOKED_REASON,
    SUPERSEDED_CANNOT_CHANGE_ERROR,
    SUPERSEDED_REASON,
    UNKNOWN_CORRECTION_ERROR,
    certificate_revoke,
    certificate_supersede,
    certificates_revoke,
)

__all__ = [
    "ALREADY_REVOKED_ERROR",
    "CORRECTABLE_FIELDS",
    "CORRECTING_REASON",
    "COURSE_DATES_UNKNOWN_ERROR",
    "COURSE_HOLDS_CERTIFICATES_ERROR",
    "COURSE_NOT_ENDED_ERROR",
    "COURSE_NOT_HELD_ERROR",
    "ISSUED_REASON",
    "ISSUER_WITHOUT_PREFIX_ERROR",
    "LOOPBACK_SITE_ERROR",
    "MORE_SERIALS",
    "NO_DELIVERER_ERROR",
    "NO_ISSUER_ERROR",
    "PDF_FAILED_REASON",
    "PDF_STORED_REASON",
    "REASON_REQUIRED_ERROR",
    "REVOKED_CANNOT_BE_SUPERSEDED_ERROR",
    "REVOKED_REASON",
    "SERIALS_NAMED",
    "SUPERSEDED_CANNOT_CHANGE_ERROR",
    "SUPERSEDED_REASON",
    "UNKNOWN_CORRECTION_ERROR",
    "ExcludedEnrolment",
    "Exclusion",
    "IssuePlan",
    "IssueResult",
    "certificate_issuer_for",
    "certificate_pdf_failure_record",
    "certificate_pdf_store",
    "certificate_revoke",
    "certificate_snapshot",
    "certificate_supersede",
    "certificates_issue",
    "certificates_pdf_dispatch",
    "certificates_pdf_store_pending",
    "certificates_preview",
    "certificates_revoke",
    "course_status_check",
    "organisation_to_fix",
]
