"""A course's certificates as one ZIP file: every PDF, and a manifest that says what each is."""

import csv
import io
import zipfile
from collections.abc import Sequence

from apps.certificates.models import Certificate, CertificateStatus
from apps.core.api.renderers import defuse
from apps.core.dates import iso_partial_date

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = [
    "serial",
    "file",
    "status",
    "holder_name",
    "course_start",
    "course_end",
    "issued_on",
    "revoked_on",
    "sha256",
]


def archive_file_name(certificate: Certificate) -> str:
    """``<serial>.pdf``, and ``<serial>-REVOKED.pdf`` for a revoked one.

    A revoked certificate's PDF does not say it was revoked (it is frozen at issue): its name
    must, or whoever hands the files out cannot tell.
    """
    if certificate.status == CertificateStatus.REVOKED:
        return f"{certificate.serial}-REVOKED.pdf"
    return f"{certificate.serial}.pdf"


def certificates_zip(certificates: Sequence[Certificate]) -> bytes:
    """The ZIP of ``certificates`` (each with its stored PDF): ``manifest.csv``, then the PDFs."""
    buffer = io.BytesIO()
    # PDFs are compressed already: stored, not deflated again.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(MANIFEST_NAME, _manifest(certificates))
        for certificate in certificates:
            with certificate.pdf.open("rb") as pdf:
                archive.writestr(archive_file_name(certificate), pdf.read())
    return buffer.getvalue()


def _manifest(certificates: Sequence[Certificate]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(MANIFEST_COLUMNS)
    for certificate in certificates:
        revoked_on = certificate.revoked_on
        row = [
            certificate.serial,
            archive_file_name(certificate),
            certificate.status,
            certificate.holder_name,
            iso_partial_date(certificate.course_start_date, certificate.course_start_precision),
            iso_partial_date(certificate.course_end_date, certificate.course_end_precision),
            certificate.issued_on.isoformat(),
            revoked_on.isoformat() if revoked_on else "",
            certificate.pdf_sha256,
        ]
        writer.writerow([defuse(cell) for cell in row])
    # With a byte order mark, Excel reads the file as UTF-8 (Əliyev, not Ã†liyev).
    return text.getvalue().encode("utf-8-sig")
