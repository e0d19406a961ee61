"""A certificate's PDF: A4 landscape, English and French side by side, with a QR code.

Rendered by WeasyPrint from ``templates/certificates/certificate_pdf.html``, from the
certificate's frozen fields only: the person, the course and the enrolment are never read, so
an issued certificate prints the same whatever is edited after it.

The font is vendored in ``fonts/`` (DejaVu Sans, which covers Azerbaijani: Ə ş ğ ı İ …) and
embedded, subset, in every PDF; the machine's fonts are not relied on.
"""

import logging
import threading
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from apps.certificates.models import Certificate

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONTS_URL = FONTS_DIR.as_uri()
TEMPLATE = "certificates/certificate_pdf.html"
# Type sizes the template offers, largest first: long names and titles get smaller type
# rather than a second page.
DENSITIES = ("regular", "compact", "dense")

logger = logging.getLogger(__name__)

# One WeasyPrint font configuration per thread, made on first use: it loads the fonts once
# (about 150 ms), but it wraps a Pango font map and mutable caches that must not be shared
# between threads.
_per_thread = threading.local()


def certificate_qr_svg(url: str) -> str:
    """A QR code encoding ``url``, as an SVG data URI (vector, so it prints sharply)."""
    qr = segno.make_qr(url, error="m")
    # omitsize gives the SVG a viewBox instead of a fixed size: the stylesheet sizes it. The
    # default border is the four-module quiet zone that scanners need.
    return qr.svg_data_uri(omitsize=True)


def certificate_pdf_context(certificate: Certificate) -> dict[str, object]:
    """The template context of a certificate's PDF: its frozen fields, written for reading."""
    verification_url = certificate.verification_url()
    return {
        "serial": certificate.serial,
        "holder_name": certificate.holder_name,
        "en": certificate.printed_text("en"),
        "fr": certificate.printed_text("fr"),
        "verification_url": verification_url,
        "qr_svg": certificate_qr_svg(verification_url),
        "fonts_url": FONTS_URL,
    }


class CertificateResourceFetcher(URLFetcher):
    """Loads the vendored fonts and data URIs (the QR code), nothing else, and fails loudly.

    A PDF is stored once and never replaced: a font that failed to load must stop the render
    rather than let WeasyPrint fall back to whatever font the machine has.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.partition(":")[0].lower()
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            allowed = path.is_relative_to(FONTS_DIR)
        else:
            allowed = scheme == "data"
        if not allowed:
            raise ValueError(f"A certificate loads only its fonts and QR code, not {url}")
        return super().fetch(url, headers)


def pdf_font_config() -> FontConfiguration:
    """This thread's font configuration, made on first use."""
    if not hasattr(_per_thread, "font_config"):
        _per_thread.font_config = FontConfiguration()
    return _per_thread.font_config


def certificate_pdf_render(certificate: Certificate) -> bytes:
    """The certificate's PDF, from its frozen fields alone. Safe to call from several threads.

    One page: if the text does not fit, it is laid out again in smaller type.
    """
    context = certificate_pdf_context(certificate)
    try:
        for density in DENSITIES:
            html = render_to_string(TEMPLATE, {**context, "density": density})
            # A fetcher per render: URLFetcher keeps request state, so no sharing across threads.
            document = HTML(string=html, url_fetcher=CertificateResourceFetcher()).render(
                font_config=pdf_font_config()
            )
            if len(document.pages) == 1:
                break
        else:
            logger.warning("Certificate %s does not fit one page", certificate.serial)
        return document.write_pdf()
    except FatalURLFetchingError as error:
        # A BaseException in WeasyPrint: make it an ordinary error for callers to handle.
        raise RuntimeError(f"Certificate {certificate.serial}: {error}") from error
