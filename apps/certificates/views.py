"""Public certificate verification pages: bilingual, printable, throttled per client.

They show only what a certificate prints (see ``selectors``). The lookup and the file check
are POST forms with CSRF, so a serial with a family name, or an uploaded file, never appears
in a URL or a server log.
"""

import enum
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from apps.certificates.models import Certificate
from apps.certificates.selectors import (
    certificate_by_serial_and_family_name,
    certificate_by_verification_code,
    certificate_file_matches,
    verification_of,
)
from apps.certificates.throttling import (
    serial_lookup_allowed,
    serial_lookup_failed,
    verification_throttled,
)
from apps.core.dates import DatePrecision, date_text
from apps.core.uploads import MULTIPART_ALLOWANCE, BoundedMemoryUploadHandler, declared_length

LOOKUP_TEMPLATE = "certificates/verify_lookup.html"
VERIFICATION_TEMPLATE = "certificates/verify_certificate.html"
UNKNOWN_TEMPLATE = "certificates/verify_unknown.html"
UPLOAD_FIELD = "file"


class LookupOutcome(enum.StrEnum):
    INCOMPLETE = "incomplete"
    NO_MATCH = "no_match"


class FileCheckOutcome(enum.StrEnum):
    MATCHES = "matches"
    DIFFERS = "differs"
    TOO_LARGE = "too_large"
    NO_FILE = "no_file"
    NOT_YET = "not_yet"


@dataclass(frozen=True)
class FileCheck:
    outcome: FileCheckOutcome
    sha256: str = ""


@verification_throttled
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """Find a certificate by its serial and its holder's family name; both must match."""
    serial = request.POST.get("serial", "").strip()
    family_name = request.POST.get("family_name", "").strip()
    outcome = None
    if request.method == "POST":
        if not serial or not family_name:
            outcome = LookupOutcome.INCOMPLETE
        else:
            # Looked up even once the serial's failures are used up, so that a refused lookup
            # takes the same work as a miss and answers the same.
            certificate = certificate_by_serial_and_family_name(serial, family_name)
            if certificate is not None and serial_lookup_allowed(serial):
                url = reverse("certificates:verify", args=[certificate.verification_code])
                return HttpResponseRedirect(url, status=303)
            serial_lookup_failed(serial)
            outcome = LookupOutcome.NO_MATCH
    context = {"serial": serial, "family_name": family_name, "outcome": outcome}
    return render(request, LOOKUP_TEMPLATE, context)


# CSRF is checked by ``_file_check`` instead of the middleware: the middleware would read the
# request body before the view could choose the upload handlers.
@csrf_exempt
@verification_throttled
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def verify_certificate(request: HttpRequest, code: str) -> HttpResponse:
    """A certificate's verification page; a POST checks an uploaded file against it."""
    certificate = certificate_by_verification_code(code)
    if certificate is None:
        # One answer for every unknown code, malformed or not, that names nothing.
        return render(request, UNKNOWN_TEMPLATE, status=404)
    if request.method != "POST":
        return _verification_page(request, certificate)
    if not certificate.pdf_sha256:
        return _verification_page(request, certificate, FileCheck(FileCheckOutcome.NOT_YET))
    max_bytes = settings.CERTIFICATE_UPLOAD_MAX_BYTES
    if declared_length(request) > max_bytes + MULTIPART_ALLOWANCE:
        # Refused before reading the body at all.
        return _too_large(request, certificate)
    handler = BoundedMemoryUploadHandler(request, max_bytes)
    request.upload_handlers = [handler]
    return _file_check(request, certificate, handler)


@csrf_protect
def _file_check(
    request: HttpRequest, certificate: Certificate, handler: BoundedMemoryUploadHandler
) -> HttpResponse:
    upload = request.FILES.get(UPLOAD_FIELD)
    if handler.too_large:
        return _too_large(request, certificate)
    if upload is None:
        return _verification_page(request, certificate, FileCheck(FileCheckOutcome.NO_FILE))
    content = upload.read()
    outcome = (
        FileCheckOutcome.MATCHES
        if certificate_file_matches(certificate, content)
        else FileCheckOutcome.DIFFERS
    )
    file_check = FileCheck(outcome, sha256=hashlib.sha256(content).hexdigest())
    return _verification_page(request, certificate, file_check)


def _too_large(request: HttpRequest, certificate: Certificate) -> HttpResponse:
    file_check = FileCheck(FileCheckOutcome.TOO_LARGE)
    return _verification_page(request, certificate, file_check, status=413)


def _verification_page(
    request: HttpRequest,
    certificate: Certificate,
    file_check: FileCheck | None = None,
    status: int = 200,
) -> HttpResponse:
    verification = verification_of(certificate)
    revoked_on = None
    if verification.revoked_on:
        revoked_on = {
            language: date_text(verification.revoked_on, DatePrecision.DAY, language)
            for language in ("en", "fr")
        }
    context = {
        "verification": verification,
        "revoked_on": revoked_on,
        "file_check": file_check,
        "upload_field": UPLOAD_FIELD,
        "max_upload_bytes": settings.CERTIFICATE_UPLOAD_MAX_BYTES,
    }
    return render(request, VERIFICATION_TEMPLATE, context, status=status)
