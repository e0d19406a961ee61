"""Two app servers and a Celery worker on one PostgreSQL and one Redis behave as one installation.

Each server is gunicorn in production mode, started as `make serve` starts it; the worker is
`celery -A trainingdb worker`. They share the test database (the data each test writes is
committed: ``transactional_db``) and Redis, under a key prefix of this run's own, so that
nothing else in that Redis database is read or removed.
"""

import csv
import hashlib
import io
import os
import re
import sys
import time
import uuid
import zipfile
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from apps.certificates.models import Certificate
from apps.courses.models import Course
from tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
    api_token_for,
)
from tests.project.servers import (
    Installation,
    Process,
    Server,
    free_port,
    start,
    wait_until_healthy,
)
from tests.project.test_settings import PRODUCTION

DATABASE_URL = os.environ.get("DATABASE_URL", "")
SHARED_SERVICES = DATABASE_URL.startswith(("postgres://", "postgresql://")) and bool(
    os.environ.get("REDIS_URL")
)
pytestmark = [
    pytest.mark.skipif(
        not SHARED_SERVICES,
        reason="Needs DATABASE_URL on PostgreSQL and REDIS_URL, which every process shares.",
    ),
    # The servers and the worker are other processes: what a test writes is committed. The
    # flush after each test writes the roles' groups again (post_migrate).
    pytest.mark.django_db(transaction=True),
]

THROTTLE_RATE = 10  # verification requests per minute and client, for both servers together
PASSWORD = "correct horse battery staple"
COURSE_SIZE = 50
RENDERING_SECONDS = 90
WORKER_SUCCESS = re.compile(r"certificate_pdf_store_task\[([\w-]+)\] succeeded")


@pytest.fixture(scope="module")
def installation(
    django_db_setup, django_db_blocker, collected_static_root, tmp_path_factory
) -> Iterator[Installation]:
    """Both servers and the worker, in production mode, on the test database and Redis."""
    with django_db_blocker.unblock():
        test_database = connection.settings_dict["NAME"]
    database_url = urlsplit(DATABASE_URL)._replace(path=f"/{test_database}").geturl()
    redis_url = settings.REDIS_URL  # this test worker's Redis database
    key_prefix = f"two-servers-{uuid.uuid4().hex[:12]}"
    logs = tmp_path_factory.mktemp("two-servers")
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "CELERY_", "REDIS_", "GUNICORN", "PYTEST"))
    }
    environment.update(
        {
            **PRODUCTION,
            "ENV_FILE": "",
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain http to the servers: the https address is what certificates print.
            "SECURE_SSL_REDIRECT": "false",
            "REQUIRE_2FA": "false",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "REDIS_KEY_PREFIX": key_prefix,
            "STATIC_ROOT": str(collected_static_root),
            "MEDIA_ROOT": str(logs / "media"),
            "VERIFICATION_THROTTLE_RATE": f"{THROTTLE_RATE}/minute",
            "WEB_CONCURRENCY": "1",
            "HOST": "127.0.0.1",
        }
    )
    processes: list[Process] = []
    try:
        worker = start(
            "worker",
            [
                sys.executable,
                *("-m", "celery", "-A", "trainingdb", "worker", "--pool=solo"),
                *("--loglevel=INFO", "--without-gossip", "--without-mingle"),
                *("--hostname", f"{key_prefix}@%h"),
            ],
            environment,
            logs,
        )
        processes.append(worker)
        servers = []
        for name in ("a", "b"):
            port = free_port()
            process = start(
                f"server-{name}",
                [
                    sys.executable,
                    *("-m", "gunicorn", "--config", "python:trainingdb.gunicorn_config"),
                    "trainingdb.wsgi:application",
                ],
                {**environment, "PORT": str(port)},
                logs,
            )
            processes.append(process)
            servers.append(Server(**vars(process), port=port))
        for server in servers:
            wait_until_healthy(server)
        yield Installation(a=servers[0], b=servers[1], worker=worker, key_prefix=key_prefix)
    finally:
        for process in processes:
            process.stop()
        shared = redis.Redis.from_url(redis_url)
        for key in shared.scan_iter(match=f"{key_prefix}*"):
            shared.delete(key)
        shared.close()


@pytest.fixture
def officer():
    """A staff member whose password the servers check (PBKDF2, their hasher), committed."""
    user = UserFactory(username="duty-officer", is_staff=True, is_superuser=True)
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    return user


def test_a_verification_burst_is_limited_across_both_servers_together(installation):
    servers = [installation.a, installation.b]

    statuses = [servers[i % 2].get("/verify/").status for i in range(THROTTLE_RATE + 4)]

    # Each server alone would have allowed all of them.
    assert statuses == [200] * THROTTLE_RATE + [429] * 4


def test_a_login_lockout_made_on_one_server_holds_on_the_other(installation, officer):
    failures = [installation.a.admin_login(officer.username, "wrong") for _ in range(5)]
    right_password_on_b = installation.b.admin_login(officer.username, PASSWORD)

    assert [answer.status for answer in failures] == [200] * 4 + [429]
    assert right_password_on_b.status == 429
    assert "Login locked" in right_password_on_b.body.decode()
    assert "sessionid" not in right_password_on_b.cookies()


def test_a_session_opened_on_one_server_is_valid_on_the_other_until_logged_out(
    installation, officer
):
    login = installation.b.admin_login(officer.username, PASSWORD)
    assert login.status == 302, login.body[:300]
    cookies = login.cookies()
    cookie = f"sessionid={cookies['sessionid']}"

    on_a = installation.a.get("/admin/", Cookie=cookie)
    logout = installation.a.post_form("/admin/logout/", {}, cookies)
    on_b_after_logout = installation.b.get("/admin/", Cookie=cookie)

    assert on_a.status == 200
    assert "duty-officer" in on_a.body.decode()
    assert logout.status == 200, logout.body[:300]
    assert on_b_after_logout.status == 302
    assert on_b_after_logout.headers["Location"].startswith("/admin/login/")


def test_a_course_issued_on_one_server_is_rendered_by_the_worker_and_served_by_the_other(
    installation, officer
):
    course = a_held_course_of(COURSE_SIZE)
    token = api_token_for(officer)

    issued = installation.a.api(
        "POST", f"/api/v1/courses/{course.pk}/issue-certificates/", token, {}
    )

    assert issued.status == 201, issued.body[:500]
    assert len(issued.json()["issued"]) == COURSE_SIZE
    job = wait_for_the_pdfs(installation, course, token)
    assert (job["issued"], job["stored"], job["pending"], job["failed"]) == (
        COURSE_SIZE,
        COURSE_SIZE,
        0,
        0,
    )
    rendered_by_the_worker = WORKER_SUCCESS.findall(installation.worker.log.read_text())
    assert len(set(rendered_by_the_worker)) == COURSE_SIZE

    archive = installation.b.api("GET", f"/api/v1/courses/{course.pk}/certificates.zip", token)

    assert archive.status == 200, archive.body[:500]
    stored = dict(Certificate.objects.of_course(course).values_list("serial", "pdf_sha256"))
    with zipfile.ZipFile(io.BytesIO(archive.body)) as files:
        manifest = list(csv.DictReader(io.StringIO(files.read("manifest.csv").decode("utf-8-sig"))))
        pdfs = {row["serial"]: files.read(row["file"]) for row in manifest}
    assert len(pdfs) == COURSE_SIZE
    for serial, content in pdfs.items():
        assert content.startswith(b"%PDF")
        assert hashlib.sha256(content).hexdigest() == stored[serial]
    first = Certificate.objects.of_course(course).order_by("serial").first()
    download = installation.b.api("GET", f"/api/v1/certificates/{first.pk}/pdf/", token)
    assert download.status == 200
    assert hashlib.sha256(download.body).hexdigest() == first.pdf_sha256


def a_held_course_of(size: int) -> Course:
    issuer = OrganisationFactory(serial_prefix="TWOSRV")
    course = CourseFactory(delivered_by=issuer)
    for _ in range(size):
        EnrolmentFactory(course=course, person=PersonFactory(), completed=True)
    return course


def wait_for_the_pdfs(installation: Installation, course: Course, token: str) -> dict:
    """The course's issuing job, as server B counts it, once nothing is pending."""
    deadline = time.monotonic() + RENDERING_SECONDS
    while time.monotonic() < deadline:
        installation.worker.check_running()
        answer = installation.b.api("GET", f"/api/v1/courses/{course.pk}/issuing-job/", token)
        assert answer.status == 200, answer.body[:500]
        if answer.json()["finished"]:
            return answer.json()
        time.sleep(1)
    pytest.fail(
        f"PDFs still pending after {RENDERING_SECONDS} s: {answer.json()}\n"
        f"{installation.worker.output()}"
    )
