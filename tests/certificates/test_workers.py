"""PDFs rendered off the request: queued for Celery workers when a broker is set, else in-process.

The worker's logic runs here eagerly (``apply``); a real worker, in its own process against a
real broker, renders a course in tests/project/test_two_servers.py.
"""

import datetime
from collections.abc import Iterator

import pytest
from celery.signals import before_task_publish
from django.core.management import call_command
from kombu.exceptions import OperationalError

from apps.certificates import tasks
from apps.certificates.models import Certificate, PdfStatus
from apps.certificates.services import (
    PDF_FAILED_REASON,
    PDF_STORED_REASON,
    certificates_issue,
    pdfs,
)
from apps.certificates.tasks import certificate_pdf_store_task
from apps.courses.models import Course
from tests.certificates.helpers import BAKU, enrol
from tests.factories import CertificateFactory, EnrolmentFactory
from trainingdb.celery import app as celery_app

pytestmark = pytest.mark.django_db

TASK = "apps.certificates.tasks.certificate_pdf_store_task"
NAMES = ("Aliyev", "Babayev", "Cavadov")


@pytest.fixture
def baku(seed) -> Course:
    return Course.objects.get(slug=BAKU)


@pytest.fixture
def broker(settings) -> Iterator[list[int]]:
    """A broker is configured (in memory here): issuing queues PDFs and nothing renders them.

    Gives the certificate ids of the tasks queued, in order; the tests play the worker.
    """
    settings.CELERY_BROKER_URL = "memory://"
    before = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url="memory://", task_always_eager=False)
    queued: list[int] = []

    def record(sender: str, body: tuple, **kwargs: object) -> None:
        assert sender == TASK
        queued.append(body[1]["certificate_id"])  # the message's (args, kwargs, options)

    before_task_publish.connect(record, weak=False)
    yield queued
    before_task_publish.disconnect(record)
    celery_app.conf.update(before)


@pytest.fixture
def eager_workers(settings) -> Iterator[None]:
    """A broker is configured and each queued task runs at once, as a worker would run it."""
    settings.CELERY_BROKER_URL = "memory://"
    before = {key: celery_app.conf[key] for key in ("task_always_eager", "task_eager_propagates")}
    celery_app.conf.update(task_always_eager=True, task_eager_propagates=False)
    yield
    celery_app.conf.update(before)


@pytest.fixture
def renderer(monkeypatch) -> "FlakyRenderer":
    flaky = FlakyRenderer(pdfs.certificate_pdf_render)
    monkeypatch.setattr(pdfs, "certificate_pdf_render", flaky)
    return flaky


class FlakyRenderer:
    """The real renderer, failing the first ``failures`` calls."""

    def __init__(self, render):
        self.render = render
        self.failures = 0
        self.calls = 0

    def __call__(self, certificate: Certificate) -> bytes:
        self.calls += 1
        if self.calls <= self.failures:
            raise RuntimeError("WeasyPrint lost a font")
        return self.render(certificate)


def issue_url(course: Course) -> str:
    return f"/api/v1/courses/{course.pk}/issue-certificates/"


def job_url(course: Course) -> str:
    return f"/api/v1/courses/{course.pk}/issuing-job/"


def enrol_all(course: Course) -> None:
    for name in NAMES:
        enrol(course, name)


def history_reasons(certificate: Certificate) -> list[str]:
    return list(
        certificate.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )


def test_with_a_broker_issuing_answers_at_once_and_queues_one_rendering_per_certificate(
    api_client_for, baku, broker, renderer, django_capture_on_commit_callbacks
):
    enrol_all(baku)
    client = api_client_for("registrar")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(issue_url(baku), {}, format="json")

    assert response.status_code == 201
    issued = response.json()["issued"]
    assert [c["pdf_status"] for c in issued] == ["pending"] * 3
    assert [c["pdf_sha256"] for c in issued] == [""] * 3
    assert response.json()["issuing_job_url"] == f"http://testserver{job_url(baku)}"
    assert renderer.calls == 0  # nothing rendered in the request
    assert sorted(broker) == sorted(c["id"] for c in issued)
    job = client.get(job_url(baku)).json()
    assert {key: job[key] for key in ("issued", "stored", "pending", "failed", "finished")} == {
        "issued": 3,
        "stored": 0,
        "pending": 3,
        "failed": 0,
        "finished": False,
    }

    for certificate_id in broker:  # the worker takes each task
        certificate_pdf_store_task.apply(kwargs={"certificate_id": certificate_id})

    job = client.get(job_url(baku)).json()
    assert (job["stored"], job["pending"], job["finished"]) == (3, 0, True)
    assert renderer.calls == 3
    for certificate in Certificate.objects.all():
        assert certificate.pdf_status == PdfStatus.STORED
        assert certificate.pdf.read().startswith(b"%PDF")


def test_the_worker_renders_each_pdf_once_a_stored_one_stays_as_it_is(
    baku, broker, renderer, django_capture_on_commit_callbacks
):
    enrol(baku, "Aliyev")
    with django_capture_on_commit_callbacks(execute=True):
        (certificate,) = certificates_issue(course=baku).issued
    certificate_pdf_store_task.apply(kwargs={"certificate_id": certificate.pk})
    certificate.refresh_from_db()
    stored = (certificate.pdf.name, certificate.pdf_sha256, certificate.updated_at)

    # Delivered again (acks_late after a lost worker), or queued again by hand.
    result = certificate_pdf_store_task.apply(kwargs={"certificate_id": certificate.pk})

    certificate.refresh_from_db()
    assert result.successful()
    assert renderer.calls == 1
    assert (certificate.pdf.name, certificate.pdf_sha256, certificate.updated_at) == stored
    assert history_reasons(certificate) == [f"Issued for {baku}.", str(PDF_STORED_REASON)]


def test_a_failed_rendering_is_retried_by_the_worker_until_it_is_stored(
    baku, eager_workers, renderer, django_capture_on_commit_callbacks
):
    enrol(baku, "Aliyev")
    renderer.failures = 2

    with django_capture_on_commit_callbacks(execute=True):
        (certificate,) = certificates_issue(course=baku).issued

    certificate.refresh_from_db()
    assert renderer.calls == 3
    assert certificate.pdf_status == PdfStatus.STORED
    assert certificate.pdf_failed_at is None
    assert history_reasons(certificate) == [f"Issued for {baku}.", str(PDF_STORED_REASON)]


def test_a_rendering_that_fails_past_its_retries_is_marked_failed(
    api_client_for, baku, eager_workers, renderer, settings, django_capture_on_commit_callbacks
):
    enrol(baku, "Aliyev")
    renderer.failures = 100

    with django_capture_on_commit_callbacks(execute=True):
        (certificate,) = certificates_issue(course=baku).issued

    certificate.refresh_from_db()
    assert renderer.calls == settings.CERTIFICATE_PDF_RETRIES + 1
    assert certificate.pdf_status == PdfStatus.FAILED
    assert (certificate.pdf.name, certificate.pdf_sha256) == ("", "")
    assert certificate.pdf_failed_at is not None
    assert history_reasons(certificate) == [f"Issued for {baku}.", str(PDF_FAILED_REASON)]
    client = api_client_for("viewer")
    assert client.get(f"/api/v1/certificates/{certificate.pk}/").json()["pdf_status"] == "failed"
    job = client.get(job_url(baku)).json()
    assert (job["issued"], job["stored"], job["pending"], job["failed"]) == (1, 0, 0, 1)
    assert job["finished"] is True


def test_a_failed_pdf_is_stored_by_the_command_and_is_no_longer_failed(
    baku, eager_workers, renderer, django_capture_on_commit_callbacks
):
    enrol(baku, "Aliyev")
    renderer.failures = 100
    with django_capture_on_commit_callbacks(execute=True):
        (certificate,) = certificates_issue(course=baku).issued
    renderer.failures = 0

    call_command("store_certificate_pdfs", verbosity=0)

    certificate.refresh_from_db()
    assert certificate.pdf_status == PdfStatus.STORED
    assert certificate.pdf_failed_at is None
    assert certificate.pdf.read().startswith(b"%PDF")


def test_a_failed_pdf_is_rendered_on_its_first_download(
    api_client_for, baku, eager_workers, renderer, django_capture_on_commit_callbacks
):
    enrol(baku, "Aliyev")
    renderer.failures = 100
    with django_capture_on_commit_callbacks(execute=True):
        (certificate,) = certificates_issue(course=baku).issued
    renderer.failures = 0

    response = api_client_for("viewer").get(f"/api/v1/certificates/{certificate.pk}/pdf/")

    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.pdf_status == PdfStatus.STORED


def test_a_task_for_a_certificate_that_does_not_exist_does_nothing(db, eager_workers):
    result = certificate_pdf_store_task.apply(kwargs={"certificate_id": 999999})

    assert result.successful()
    assert not Certificate.objects.exists()


# Commits, as a request does: no captured callbacks.
@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_pdfs_are_stored_before_the_answer(api_client_for, baku, renderer):
    enrol_all(baku)

    response = api_client_for("superuser").post(issue_url(baku), {}, format="json")

    assert response.status_code == 201
    assert [c["pdf_status"] for c in response.json()["issued"]] == ["stored"] * 3
    assert renderer.calls == 3


def test_without_a_broker_a_failed_rendering_is_marked_failed_at_once(
    baku, renderer, django_capture_on_commit_callbacks
):
    enrol(baku, "Aliyev")
    renderer.failures = 1

    with django_capture_on_commit_callbacks(execute=True):
        (certificate,) = certificates_issue(course=baku).issued

    certificate.refresh_from_db()
    assert renderer.calls == 1  # the in-process rendering has no retries: the command has
    assert certificate.pdf_status == PdfStatus.FAILED


def test_when_the_broker_refuses_the_pdfs_are_rendered_in_the_issuing_process(
    baku, broker, renderer, monkeypatch, django_capture_on_commit_callbacks
):
    enrol_all(baku)

    def broker_down(**kwargs: object) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.certificate_pdf_store_task, "delay", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        issued = certificates_issue(course=baku).issued

    assert renderer.calls == 3
    assert [c.pdf_status for c in issued] == [PdfStatus.STORED] * 3


def test_the_issuing_job_counts_a_course_s_certificates_by_pdf_status(
    api_client_for, baku, django_assert_num_queries
):
    stored, failed, pending = (
        CertificateFactory(enrolment=EnrolmentFactory(course=baku, completed=True))
        for _ in range(3)
    )
    pdfs.certificate_pdf_store(certificate=stored)
    pdfs.certificate_pdf_failure_record(certificate=failed)
    CertificateFactory()  # another course's
    client = api_client_for("viewer")

    # The token with its user, the user's permissions (two), the course, and the counts.
    with django_assert_num_queries(5):
        response = client.get(job_url(baku))

    assert response.status_code == 200
    job = response.json()
    assert job.pop("course")["id"] == baku.pk
    assert job == {
        "issued": 3,
        "stored": 1,
        "pending": 1,
        "failed": 1,
        "finished": False,
    }
    assert pending.pdf_status == PdfStatus.PENDING


@pytest.mark.parametrize(
    ("role", "path", "expected"),
    [
        ("anonymous", "/api/v1/courses/{course}/issuing-job/", 401),
        ("viewer", "/api/v1/courses/{course}/issuing-job/", 200),
        ("registrar", "/api/v1/courses/{course}/issuing-job/", 200),
        ("viewer", "/api/v1/courses/999999/issuing-job/", 404),
    ],
)
def test_who_may_follow_an_issuing_job(api_client_for, baku, role, path, expected):
    response = api_client_for(role).get(path.format(course=baku.pk))

    assert response.status_code == expected
    assert response["Content-Type"] == "application/json"
    if expected == 200:
        assert response.json()["issued"] == 0
        assert response.json()["finished"] is True


def test_an_issued_pdf_is_failed_only_until_it_is_stored(baku):
    certificate = CertificateFactory(enrolment=EnrolmentFactory(course=baku, completed=True))
    assert certificate.pdf_status == PdfStatus.PENDING

    pdfs.certificate_pdf_failure_record(certificate=certificate)
    assert certificate.pdf_status == PdfStatus.FAILED
    failed_at = certificate.pdf_failed_at
    assert failed_at <= datetime.datetime.now(tz=datetime.UTC)

    pdfs.certificate_pdf_store(certificate=certificate)
    assert certificate.pdf_status == PdfStatus.STORED
    assert certificate.pdf_failed_at is None

    pdfs.certificate_pdf_failure_record(certificate=certificate)  # a late worker's failure
    certificate.refresh_from_db()
    assert certificate.pdf_status == PdfStatus.STORED
    assert certificate.pdf_failed_at is None


def test_issuing_in_the_admin_with_workers_says_the_pdfs_are_being_rendered(
    client, registrar, baku, broker, renderer, django_capture_on_commit_callbacks
):
    enrol_all(baku)
    client.force_login(registrar)
    selected = {"action": "issue_certificates", "_selected_action": [baku.pk], "post": "yes"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/courses/course/", selected, follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        f"{baku}: 3 certificates issued (JFCBS-2026-000001 to JFCBS-2026-000003).",
        f"{baku}: 3 PDFs are being rendered; the course's page counts them.",
    ]
    assert len(broker) == 3 and renderer.calls == 0
    page = client.get(f"/admin/courses/course/{baku.pk}/change/").content.decode()
    assert "3 PDFs pending" in page
