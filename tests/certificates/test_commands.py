"""The certificate commands: thin wrappers over the services, refusing with the service's words."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connections

from apps.certificates.models import Certificate, CertificateStatus, SerialCounter
from apps.certificates.services import certificate_revoke, certificates_issue, pdfs
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import EnrolmentStatus
from tests.certificates.helpers import BAKU, enrol
from tests.factories import CourseFactory, OrganisationFactory


@pytest.fixture
def baku(seed) -> Course:
    course = Course.objects.get(slug=BAKU)
    enrol(course, "Aliyev")
    enrol(course, "Babayev")
    enrol(course, "Cavadov", EnrolmentStatus.ATTENDED)
    return course


@pytest.fixture
def issued(baku, django_capture_on_commit_callbacks) -> list[Certificate]:
    with django_capture_on_commit_callbacks(execute=True):
        return certificates_issue(course=baku).issued


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_the_preview_as_a_table_and_writes_nothing(baku):
    output = run("issue_certificates", BAKU, "--dry-run")

    lines = output.splitlines()
    assert (
        lines[1] == "Issuer: Allied Joint Force Command Brunssum (JFCBS); serials JFCBS-YYYY-NNNNNN"
    )
    assert lines[3].split() == ["Participant", "Enrolment", "Certificate"]
    assert lines[5].split() == ["Aliyev", "Şəhriyar", "completed", "would", "receive", "one"]
    assert lines[6].split()[:2] == ["Babayev", "Şəhriyar"]
    assert lines[7].startswith("Cavadov Şəhriyar")
    assert lines[7].endswith("attended   none: has not completed the course (attended)")
    assert "Dry run: 2 certificates would be issued; nothing was written." in output
    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.exists()


def test_issue_certificates_issues_and_prints_the_serials(baku, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run("issue_certificates", str(baku.pk))

    assert "JFCBS-2026-000001" in output
    assert "JFCBS-2026-000002" in output
    assert "Issued 2 certificates." in output
    certificates = Certificate.objects.order_by("serial")
    assert [c.holder_family_name for c in certificates] == ["Aliyev", "Babayev"]
    assert all(c.pdf_sha256 for c in certificates)


def test_issuing_again_issues_nothing(baku, issued):
    output = run("issue_certificates", BAKU)

    assert "Issued 0 certificates." in output
    assert "none: already holds certificate JFCBS-2026-000001" in output
    assert Certificate.objects.count() == 2


def test_issue_certificates_takes_another_issuer(baku):
    other = OrganisationFactory(slug="other-issuer", serial_prefix="OTHER")

    run("issue_certificates", BAKU, "--issuer", "other-issuer")

    assert sorted(Certificate.objects.values_list("serial", flat=True)) == [
        "OTHER-2026-000001",
        "OTHER-2026-000002",
    ]
    assert set(Certificate.objects.values_list("issued_by", flat=True)) == {other.pk}


def test_issuing_for_a_course_not_held_is_refused_with_the_services_message(db):
    course = CourseFactory(status=CourseStatus.PLANNED)
    enrol(course, "Aliyev")

    with pytest.raises(CommandError, match="this course is planned"):
        run("issue_certificates", course.slug)

    assert not Certificate.objects.exists()


def test_a_refusal_exits_non_zero_with_the_message(db, capsys, monkeypatch):
    course = CourseFactory(status=CourseStatus.CANCELLED)
    # Run from the command line, a command closes the database connections when it ends,
    # which would take the test's transaction with them.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "issue_certificates", course.slug])

    assert exit_info.value.code != 0
    assert "this course is cancelled" in capsys.readouterr().err
    assert not Certificate.objects.exists()


def test_an_unknown_course_or_issuer_is_refused(baku):
    with pytest.raises(CommandError, match="No course has the slug or id 'nowhere'"):
        run("issue_certificates", "nowhere")
    with pytest.raises(CommandError, match="No organisation has the slug 'nobody'"):
        run("issue_certificates", BAKU, "--issuer", "nobody")
    assert not Certificate.objects.exists()


def test_revoke_certificates_revokes_all_with_one_reason(issued, registrar):
    output = run(
        "revoke_certificates",
        "JFCBS-2026-000001",
        "JFCBS-2026-000002",
        "--reason",
        "Issued in error.",
        "--user",
        "registrar",
    )

    assert "Revoked 2 certificates." in output
    for certificate in Certificate.objects.all():
        assert certificate.status == CertificateStatus.REVOKED
        assert certificate.revocation_reason == "Issued in error."
        assert certificate.revoked_by == registrar
        assert certificate.revoked_at is not None


def test_revoke_certificates_revokes_none_when_one_is_already_revoked(issued):
    certificate_revoke(certificate=issued[0], reason="Duplicate.", user=None)

    with pytest.raises(CommandError, match="Certificate JFCBS-2026-000001 was already revoked"):
        run("revoke_certificates", "JFCBS-2026-000002", "JFCBS-2026-000001", "--reason", "Again.")

    issued[1].refresh_from_db()
    assert issued[1].status == CertificateStatus.VALID


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["JFCBS-2026-000001", "NOPE-1", "--reason", "x"], "no certificate NOPE-1"),
        (["JFCBS-2026-000001", "--reason", "  "], "Give the reason."),
        (["JFCBS-2026-000001"], "the following arguments are required: --reason"),
    ],
)
def test_revoke_certificates_refuses_unknown_serials_and_a_missing_reason(issued, args, message):
    with pytest.raises(CommandError, match=message):
        run("revoke_certificates", *args)

    assert not Certificate.objects.filter(status=CertificateStatus.REVOKED).exists()


def test_store_certificate_pdfs_fills_a_missing_pdf(baku):
    certificates_issue(course=baku)  # the PDFs would be rendered after a commit that never comes
    assert Certificate.objects.filter(pdf="").count() == 2

    output = run("store_certificate_pdfs", "--serial", "JFCBS-2026-000002")

    assert "Stored 1 PDF." in output
    first, second = Certificate.objects.order_by("serial")
    assert not first.pdf
    assert second.pdf_sha256 == hashlib.sha256(second.pdf.read()).hexdigest()
    assert "Stored 1 PDF." in run("store_certificate_pdfs")
    assert "nothing to store" in run("store_certificate_pdfs")


def test_store_certificate_pdfs_never_replaces_a_stored_pdf(issued):
    hashes = dict(Certificate.objects.values_list("serial", "pdf_sha256"))
    assert all(hashes.values())

    output = run("store_certificate_pdfs", "--serial", "JFCBS-2026-000001")

    assert "nothing to store" in output
    assert dict(Certificate.objects.values_list("serial", "pdf_sha256")) == hashes


def test_store_certificate_pdfs_reports_a_failed_render_and_exits_non_zero(baku, monkeypatch):
    certificates_issue(course=baku)

    def broken_renderer(certificate: Certificate) -> bytes:
        raise RuntimeError("WeasyPrint is missing a library")

    monkeypatch.setattr(pdfs, "certificate_pdf_render", broken_renderer)

    with pytest.raises(CommandError, match="rendering failed for JFCBS-2026-000001"):
        run("store_certificate_pdfs")

    assert Certificate.objects.filter(pdf="").count() == 2


def test_store_certificate_pdfs_refuses_an_unknown_serial(db):
    with pytest.raises(CommandError, match="No certificate NOPE-1"):
        run("store_certificate_pdfs", "--serial", "NOPE-1")
