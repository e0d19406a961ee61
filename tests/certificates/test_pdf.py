import datetime
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
import segno
from django.test.signals import template_rendered
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from apps.certificates import pdf as rendering
from apps.certificates.models import Certificate
from apps.certificates.pdf import certificate_pdf_render
from apps.core.dates import DatePrecision
from tests.factories import CertificateFactory

pytestmark = pytest.mark.django_db

HOLDER = "Əliyev Şəhriyar Ağa oğlu"


def azerbaijani_certificate(**overrides: object) -> Certificate:
    fields = {
        "serial": "JFCBS-2026-000042",
        "enrolment__person__family_name": "Əliyev",
        "enrolment__person__given_names": "Şəhriyar",
        "enrolment__person__patronymic": "Ağa oğlu",
        "enrolment__course__title_en": "Logistics Planning in Multinational Operations",
        "enrolment__course__title_fr": "Planification logistique des opérations multinationales",
    }
    return CertificateFactory(**{**fields, **overrides})


def pdf_text(pdf: bytes) -> str:  # runs of whitespace (long titles wrap) made one space
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


@pytest.fixture
def certificate() -> Certificate:
    return azerbaijani_certificate()


@pytest.fixture
def pdf(certificate: Certificate) -> bytes:
    return certificate_pdf_render(certificate)


def test_pdf_is_one_landscape_a4_page(pdf):
    reader = PdfReader(io.BytesIO(pdf))

    assert pdf.startswith(b"%PDF-")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_pdf_prints_the_serial_the_holder_and_the_course_in_both_languages(certificate, pdf):
    text = pdf_text(pdf)

    assert certificate.holder_name == HOLDER
    assert "JFCBS-2026-000042" in text
    assert HOLDER in text
    assert "Certificate" in text
    assert "Attestation" in text
    assert "Logistics Planning in Multinational Operations" in text
    assert "Planification logistique des opérations multinationales" in text


def test_pdf_prints_dates_place_programme_issuer_and_issue_date_per_language(certificate, pdf):
    text = pdf_text(pdf)

    assert "Dates 2–6 March 2026" in text
    assert "Dates 2–6 mars 2026" in text
    assert "Place Baku, Azerbaijan" in text
    assert "Lieu Baku, Azerbaïdjan" in text
    assert f"Programme {certificate.programme_title_en}" in text
    assert f"Programme {certificate.programme_title_fr}" in text
    assert f"Issued by {certificate.issuer_name_en}" in text
    assert f"Délivrée par {certificate.issuer_name_fr}" in text
    assert "Issued on 6 March 2026" in text
    assert "Délivrée le 6 mars 2026" in text


def test_year_only_dates_print_as_the_year():
    certificate = azerbaijani_certificate(
        course_start_date=datetime.date(2026, 1, 1),
        course_start_precision=DatePrecision.YEAR,
        course_end_date=datetime.date(2026, 12, 31),
        course_end_precision=DatePrecision.YEAR,
    )

    text = pdf_text(certificate_pdf_render(certificate))

    assert "Dates 2026 Place" in text
    assert "Dates 2026 Lieu" in text


def test_unknown_dates_and_place_are_left_out():
    certificate = azerbaijani_certificate(
        course_start_date=None,
        course_start_precision=DatePrecision.UNKNOWN,
        course_end_date=None,
        course_end_precision=DatePrecision.UNKNOWN,
        course_city="",
        course_country="",
    )

    text = pdf_text(certificate_pdf_render(certificate))

    assert not {"Dates", "Place", "Lieu"} & set(text.split())
    assert "Programme" in text


def test_long_names_and_titles_get_smaller_type_rather_than_a_second_page():
    holder = "Məmmədquluzadə-Hacıbəyli Şəhriyar Əbülfəz Nəriman Ağa oğlu İsmayılov"
    certificate = azerbaijani_certificate(
        holder_name=holder,
        course_title_en="Civil-Military Cooperation and Host Nation Support " * 3,
        course_title_fr="Coopération civilo-militaire et soutien de la nation hôte " * 3,
        programme_title_en="Individually Tailored Partnership Programme " * 3,
    )

    pdf = certificate_pdf_render(certificate)

    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert holder in pdf_text(pdf)


def test_empty_french_fields_fall_back_to_english():
    certificate = azerbaijani_certificate(course_title_fr="", programme_title_fr="")

    context = rendering.certificate_pdf_context(certificate)

    assert context["fr"]["course_title"] == "Logistics Planning in Multinational Operations"
    assert context["fr"]["programme_title"] == certificate.programme_title_en


def test_pdf_prints_the_absolute_verification_url_and_its_qr_code(settings, certificate):
    settings.SITE_BASE_URL = "https://training.example.org"
    url = certificate.verification_url()
    received = []

    def capture(sender, template, context, **kwargs):
        if template.name == rendering.TEMPLATE:
            received.append(context["qr_svg"])

    template_rendered.connect(capture)
    try:
        pdf = certificate_pdf_render(certificate)
    finally:
        template_rendered.disconnect(capture)

    assert url == f"https://training.example.org/verify/{certificate.verification_code}/"
    assert url in pdf_text(pdf)
    assert received == [rendering.certificate_qr_svg(url)]
    assert rendering.certificate_qr_svg(url) == segno.make_qr(url, error="m").svg_data_uri(
        omitsize=True
    )


def test_pdf_embeds_the_vendored_fonts_which_cover_azerbaijani(pdf):
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]

    names = set()
    for font in fonts.values():
        font = font.get_object()
        descendant = font["/DescendantFonts"][0].get_object()  # WeasyPrint writes Type0 fonts
        assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
        names.add(str(font["/BaseFont"]).split("+", 1)[1])
    # The family that @font-face names: the vendored files, not a font of the machine.
    assert names == {"Certificate-Sans", "Certificate-Sans-Bold"}
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        characters = TTFont(rendering.FONTS_DIR / name).getBestCmap()
        assert all(ord(letter) in characters for letter in "ƏəŞşĞğÇçÖöÜüIıİ"), name


def test_pdf_loads_nothing_but_its_fonts_and_qr_code():
    fetcher = rendering.CertificateResourceFetcher()

    escape = f"{rendering.FONTS_URL}/../../../../etc/passwd"
    for url in ("http://example.org/logo.png", "file:///etc/passwd", escape):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_pdf_reads_only_the_certificates_frozen_fields(certificate, pdf, django_assert_num_queries):
    enrolment = certificate.enrolment
    person = enrolment.person
    person.family_name, person.patronymic = "Aliyev", ""
    person.save(update_fields=["family_name", "patronymic"])
    enrolment.course.title_en = "A renamed course"
    enrolment.course.save(update_fields=["title_en"])
    stored = Certificate.objects.get(pk=certificate.pk)

    with django_assert_num_queries(0):
        again = certificate_pdf_render(stored)

    # Text, not bytes: without HarfBuzz, fontTools stamps the embedded subset with the time.
    assert pdf_text(again) == pdf_text(pdf)
    assert HOLDER in pdf_text(again)
    assert "A renamed course" not in pdf_text(again)


def test_pdfs_render_correctly_from_several_threads_at_once():
    certificates = [azerbaijani_certificate(serial=f"JFCBS-2026-{n:06d}") for n in range(1, 7)]
    expected = [pdf_text(certificate_pdf_render(certificate)) for certificate in certificates]

    with ThreadPoolExecutor(max_workers=3) as pool:
        rendered = list(pool.map(certificate_pdf_render, certificates))

    assert [pdf_text(pdf) for pdf in rendered] == expected
    pairs = zip(certificates, expected, strict=True)
    assert all(c.serial in text and HOLDER in text for c, text in pairs)
