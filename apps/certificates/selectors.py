"""Reads for public verification: what a verifier may learn about a certificate, and no more.

Everything public is built here from the certificate's frozen fields into plain dataclasses;
pages and the API receive those, never the model instance, so they cannot reach the holder's
person, enrolment or other certificates through it.
"""

import datetime
import hashlib
import hmac
import re
from dataclasses import dataclass

from apps.certificates.models import Certificate, CertificateStatus
from apps.core.dates import iso_partial_date
from apps.core.languages import localised
from apps.core.names import fold_name

# What ``new_verification_code`` makes (URL-safe base64); anything else is not looked up.
VERIFICATION_CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
SERIAL_MAX_LENGTH = Certificate._meta.get_field("serial").max_length
FAMILY_NAME_MAX_LENGTH = Certificate._meta.get_field("holder_family_name").max_length


@dataclass(frozen=True)
class PrintedText:
    """One language's column of the certificate, in the words the PDF prints."""

    course_title: str
    dates: str
    place: str
    programme_title: str
    issuer_name: str
    issued_on: str


@dataclass(frozen=True)
class PrintedCertificate:
    """What a certificate prints. French values fall back to English, as the PDF prints them."""

    serial: str
    holder_name: str
    course_title_en: str
    course_title_fr: str
    course_start: str
    course_end: str
    course_city: str
    course_country: str
    programme_title_en: str
    programme_title_fr: str
    issuer_name_en: str
    issuer_name_fr: str
    issued_on: datetime.date
    languages: tuple[str, ...]
    status: str
    en: PrintedText
    fr: PrintedText


# Corrections of corrections are rare; a longer chain can only be a fault in the records.
MAX_CORRECTIONS_FOLLOWED = 20


@dataclass(frozen=True)
class Successor:
    """A certificate that corrected a superseded one: serial, state and where to verify it."""

    serial: str
    state: str
    verification_path: str
    verification_url: str


@dataclass(frozen=True)
class Verification:
    """The public answer about one certificate: its state and what it prints.

    ``revoked_on`` is the calendar date (``TIME_ZONE``) of a revocation; its reason and who
    revoked it stay internal. A superseded certificate names the one that corrected it
    (``superseded_by``) and the one at the end of the corrections (``current``, the same one
    unless that was corrected again), which may be revoked. ``file_checkable`` says whether
    the issued PDF is stored yet.
    """

    state: str
    certificate: PrintedCertificate
    revoked_on: datetime.date | None
    superseded_by: Successor | None
    current: Successor | None
    file_checkable: bool


def certificate_by_verification_code(code: str) -> Certificate | None:
    """The certificate a verification code opens, or None (malformed and unknown alike)."""
    if not VERIFICATION_CODE_PATTERN.fullmatch(code or ""):
        return None
    return (
        Certificate.objects.select_related("superseded_by").filter(verification_code=code).first()
    )


def certificate_verification(code: str) -> Verification | None:
    """What the public verification page and API show for a code; None when unknown."""
    certificate = certificate_by_verification_code(code)
    return None if certificate is None else verification_of(certificate)


def verification_of(certificate: Certificate) -> Verification:
    """The public answer about ``certificate``, from its frozen fields."""
    successor = current = None
    if certificate.status == CertificateStatus.SUPERSEDED:
        direct = _successor_of(certificate)
        if direct is not None:
            successor, current = _successor(direct), _successor(_current_of(direct))
    return Verification(
        state=certificate.status,
        certificate=_printed(certificate),
        revoked_on=certificate.revoked_on,
        superseded_by=successor,
        current=current,
        file_checkable=bool(certificate.pdf and certificate.pdf_sha256),
    )


def certificate_by_serial_and_family_name(serial: str, family_name: str) -> Certificate | None:
    """The certificate with this serial whose holder has this family name, or None.

    Both must match: a serial alone reveals nothing. The serial is compared without
    surrounding spaces and in capitals (serials are printed in capitals); the family name
    folded (``apps.core.names.fold_name``), so that "Aliyev", "ALIYEV" and "Алиев" all find
    the certificate printed for "Əliyev".
    """
    serial = (serial or "").strip().upper()
    family_name = family_name or ""
    if not serial or len(serial) > SERIAL_MAX_LENGTH or "\x00" in serial:
        return None
    if len(family_name.strip()) > FAMILY_NAME_MAX_LENGTH:
        return None
    wanted = fold_name(family_name)
    if not wanted:
        return None
    return Certificate.objects.filter(serial=serial, holder_family_name_folded=wanted).first()


def certificate_file_matches(certificate: Certificate, content: bytes) -> bool:
    """Whether ``content`` is byte for byte the PDF issued (SHA-256); False if none is stored."""
    if not certificate.pdf_sha256:
        return False
    digest = hashlib.sha256(content).hexdigest()
    return hmac.compare_digest(digest, certificate.pdf_sha256)


def _successor_of(certificate: Certificate) -> Certificate | None:
    try:
        return certificate.superseded_by
    except Certificate.DoesNotExist:
        return None


def _current_of(certificate: Certificate) -> Certificate:
    """The end of the corrections from ``certificate``: one query per further correction."""
    for _ in range(MAX_CORRECTIONS_FOLLOWED):
        if certificate.status != CertificateStatus.SUPERSEDED:
            break
        successor = Certificate.objects.filter(supersedes=certificate).first()
        if successor is None:
            break
        certificate = successor
    return certificate


def _successor(certificate: Certificate) -> Successor:
    return Successor(
        serial=certificate.serial,
        state=certificate.status,
        verification_path=certificate.verification_path(),
        verification_url=certificate.verification_url(),
    )


def _printed(certificate: Certificate) -> PrintedCertificate:
    # The PDF's own wording of each column (dates as far as known, place, fallbacks), so the
    # page reads as the certificate does.
    columns = {
        language: PrintedText(**certificate.printed_text(language)) for language in ("en", "fr")
    }
    return PrintedCertificate(
        serial=certificate.serial,
        holder_name=certificate.holder_name,
        course_title_en=certificate.course_title_en,
        course_title_fr=localised(certificate, "course_title", "fr"),
        # As the API gives them (ISO 8601 as far as known), whatever the language.
        course_start=iso_partial_date(
            certificate.course_start_date, certificate.course_start_precision
        ),
        course_end=iso_partial_date(certificate.course_end_date, certificate.course_end_precision),
        course_city=certificate.course_city,
        course_country=str(certificate.course_country or ""),
        programme_title_en=certificate.programme_title_en,
        programme_title_fr=localised(certificate, "programme_title", "fr"),
        issuer_name_en=certificate.issuer_name_en,
        issuer_name_fr=localised(certificate, "issuer_name", "fr"),
        issued_on=certificate.issued_on,
        languages=tuple(certificate.languages or ()),
        status=certificate.status,
        en=columns["en"],
        fr=columns["fr"],
    )
