"""Certificates in the admin: their pages (``certificates``), revoking and correcting them
(``revocation``), and issuing them from a course's admin (``courses``)."""

from apps.certificates.admin.certificates import CertificateAdmin, SerialCounterAdmin
from apps.certificates.admin.courses import CourseCertificatesAdminMixin

__all__ = ["CertificateAdmin", "CourseCertificatesAdminMixin", "SerialCounterAdmin"]
