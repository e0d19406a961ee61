"""The certificates' PDFs in the admin: links, counts of pending and failed files, downloads."""

import hashlib

from django.urls import reverse

from apps.certificates.models import Certificate
from apps.certificates.services import certificate_pdf_failure_record, certificate_pdf_store
from tests.certificates.helpers import CERTIFICATES_URL
from tests.factories import CertificateFactory, CourseFactory, EnrolmentFactory


def test_course_page_links_to_its_certificates_and_their_zip(registrar_client, baku, issued):
    other = CourseFactory()
    content = registrar_client.get(reverse("admin:courses_course_change", args=[baku.pk]))
    content = content.content.decode()
    listed = f"{CERTIFICATES_URL}?enrolment__course__id__exact={baku.pk}"
    assert f'href="{listed}"' in content
    assert f'href="/api/v1/courses/{baku.pk}/certificates.zip"' in content
    assert (
        "certificates.zip"
        not in registrar_client.get(
            reverse("admin:courses_course_change", args=[other.pk])
        ).content.decode()
    )

    response = registrar_client.get(listed)
    assert set(response.context["cl"].result_list) == set(issued)


def test_course_page_counts_pdfs_pending_and_failed_and_lists_them(registrar_client, baku):
    pending, failed, stored = (
        CertificateFactory(enrolment=EnrolmentFactory(course=baku, completed=True))
        for _ in range(3)
    )
    certificate_pdf_failure_record(certificate=failed)
    certificate_pdf_store(certificate=stored)

    content = registrar_client.get(reverse("admin:courses_course_change", args=[baku.pk]))
    content = content.content.decode()

    listed = f"{CERTIFICATES_URL}?enrolment__course__id__exact={baku.pk}"
    assert f'<a href="{listed}">3 certificates</a>' in content
    for status, label, certificate in (
        ("pending", "1 PDF pending", pending),
        ("failed", "1 PDF failed", failed),
    ):
        url = f"{listed}&amp;pdf_status={status}"
        assert f'<a href="{url}">{label}</a>' in content
        response = registrar_client.get(url.replace("&amp;", "&"))
        assert list(response.context["cl"].result_list) == [certificate]
        assert f"PDF</a> ({status})" in response.content.decode()
    assert "PDFs stored" not in content and "PDF stored" not in content


def test_certificate_changelist_links_each_pdf(registrar_client, issued):
    content = registrar_client.get(CERTIFICATES_URL).content.decode()
    for certificate in issued:
        assert f'href="/api/v1/certificates/{certificate.pk}/pdf/"' in content


def test_registrar_downloads_the_pdf_and_the_zip_through_the_admins_links(
    registrar_client, baku, issued
):
    certificate = Certificate.objects.get(pk=issued[0].pk)
    pdf_url = f"/api/v1/certificates/{certificate.pk}/pdf/"
    assert (
        f'href="{pdf_url}"' in registrar_client.get(certificate.get_absolute_url()).content.decode()
    )

    response = registrar_client.get(pdf_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == certificate.pdf_sha256
    )
    response = registrar_client.get(f"/api/v1/courses/{baku.pk}/certificates.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
