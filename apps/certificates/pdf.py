"""A certificate's PDF: A4 landscape, English and French side by side, with a QR code.

Rendered by WeasyPrint from ``templates/certificates/certificate_pdf.html``, from the
certificate's frozen fields only: the person, the course and the enrolment are never read, so
an issued certificate prints the same whatever is edited after it.

The font is vendored in ``fonts/`` (DejaVu Sans, which covers Azerbaijani: Ə ş ğ ı İ …) and
embedded, subset, in every PDF; the machine's fonts are not relied on.
"""

import datetime
import logging
import threading
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dates import MONTHS
from django_countries.fields import Country
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from apps.certificates.models import Certificate
from apps.core.dates import DatePrecision

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


def certificate_verification_url(certificate: Certificate) -> str:
    """The absolute address of the certificate's public verification page."""
    return f"{settings.SITE_BASE_URL}/verify/{certificate.verification_code}/"


def certificate_qr_svg(url: str) -> str:
    """A QR code encoding ``url``, as an SVG data URI (vector, so it prints sharply)."""
    qr = segno.make_qr(url, error="m")
    # omitsize gives the SVG a viewBox instead of a fixed size: the stylesheet sizes it. The
    # default border is the four-module quiet zone that scanners need.
    return qr.svg_data_uri(omitsize=True)


def date_text(value: datetime.date | None, precision: str, language: str) -> str:
    """A date as far as it is known, for a reader: "2026", "March 2026", "5 mars 2026"."""
    return " ".join(_date_parts(value, precision, language))


def date_range_text(
    start: datetime.date | None,
    start_precision: str,
    end: datetime.date | None,
    end_precision: str,
    language: str,
) -> str:
    """A period as far as it is known: "2026", "2–6 March 2026", "mars–mai 2026".

    What the start shares with the end (its year, its month) is written once, after the end.
    An unknown start or end is left out: the known one is written alone.
    """
    start_parts = _date_parts(start, start_precision, language)
    end_parts = _date_parts(end, end_precision, language)
    if not start_parts or not end_parts or start_parts == end_parts:
        return " ".join(end_parts or start_parts)
    same_precision = start_precision == end_precision
    if same_precision:
        while start_parts[-1] == end_parts[len(start_parts) - 1]:
            start_parts = start_parts[:-1]
    start_text, end_text = " ".join(start_parts), " ".join(end_parts)
    # An en dash, closed up between single words ("2–6 March", "2025–2026"), else spaced.
    dash = "–" if same_precision and " " not in start_text else " – "
    return f"{start_text}{dash}{end_text}"


def _date_parts(value: datetime.date | None, precision: str, language: str) -> list[str]:
    """Day, month and year (as far as known), in reading order for English and French."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return []
    year = f"{value.year:d}"
    if precision == DatePrecision.YEAR:
        return [year]
    with translation.override(language):
        month = str(MONTHS[value.month])
    if precision == DatePrecision.MONTH:
        return [month, year]
    day = "1er" if language == "fr" and value.day == 1 else str(value.day)
    return [day, month, year]


def country_name(code: str, language: str) -> str:
    """The name of a country (ISO 3166 code) in ``language``; "" for no country."""
    if not code:
        return ""
    with translation.override(language):
        return str(Country(code=code).name)


def certificate_printed_text(certificate: Certificate, language: str) -> dict[str, str]:
    """What one column prints, in ``language``; empty French fields fall back to English.

    The public verification page shows the same words (``selectors.PrintedText``).
    """

    def field(name: str) -> str:
        return getattr(certificate, f"{name}_{language}", "") or getattr(certificate, f"{name}_en")

    country = country_name(str(certificate.course_country or ""), language)
    return {
        "course_title": field("course_title"),
        "dates": date_range_text(
            certificate.course_start_date,
            certificate.course_start_precision,
            certificate.course_end_date,
            certificate.course_end_precision,
            language,
        ),
        "place": ", ".join(part for part in (certificate.course_city, country) if part),
        "programme_title": field("programme_title"),
        "issuer_name": field("issuer_name"),
        "issued_on": date_text(certificate.issued_on, DatePrecision.DAY, language),
    }


# The name selectors.py imported first; certificate_printed_text is the one to use.


def certificate_pdf_context(certificate: Certificate) -> dict[str, object]:
    """The template context of a certificate's PDF: its frozen fields, written for reading."""
    verification_url = certificate_verification_url(certificate)
    return {
        "serial": certificate.serial,
        "holder_name": certificate.holder_name,
        "en": certificate_printed_text(certificate, "en"),
        "fr": certificate_printed_text(certificate, "fr"),
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


def _font_config() -> FontConfiguration:
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
                font_config=_font_config()
            )
            if len(document.pages) == 1:
                break
        else:
            logger.warning("Certificate %s does not fit one page", certificate.serial)
        return document.write_pdf()
    except FatalURLFetchingError as error:
        # A BaseException in WeasyPrint: make it an ordinary error for callers to handle.
        raise RuntimeError(f"Certificate {certificate.serial}: {error}") from error
