"""/healthz: what load balancers and monitoring ask, answered without a login or a secret."""

import os
from unittest import mock

import pytest
from django.db import OperationalError, connection

from tests.project.test_settings import PRODUCTION, run_manage

# What a database driver says when it fails: addresses and names nobody outside should read.
DATABASE_ERROR = (
    'connection to server at "db.internal" (10.0.0.5), port 5432 failed: '
    'FATAL: password authentication failed for user "trainingdb"'
)


@pytest.mark.django_db
def test_healthz_answers_200_for_anyone_when_every_service_works(
    client, settings, django_assert_num_queries
):
    with django_assert_num_queries(1):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
    }
    assert "no-store" in response["Cache-Control"]
    assert list(settings.MEDIA_ROOT.iterdir()) == []  # the storage probe left nothing behind


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_database_when_it_is_down_and_nothing_else(client, caplog):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError(DATABASE_ERROR)):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "cache": "ok", "storage": "ok"},
    }
    body = response.content.decode()
    for leak in ("db.internal", "10.0.0.5", "trainingdb", "Traceback", "OperationalError"):
        assert leak not in body
    # The operators' log has the cause.
    assert "Health check failed: database" in caplog.text
    assert DATABASE_ERROR in caplog.text


@pytest.mark.django_db
def test_healthz_probes_the_worker_queue_only_when_a_broker_is_configured(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "queue": "unavailable",
    }


@pytest.mark.django_db
def test_healthz_answers_200_when_the_worker_queue_answers(client, settings):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis (REDIS_URL), as CI's PostgreSQL pass has")
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["queue"] == "ok"


def test_production_answers_healthz_over_plain_http_and_redirects_the_rest(tmp_path):
    """Probes reach the app directly, without the proxy's HTTPS; every other page redirects."""
    probe = (
        "from django.test import Client; "
        "client = Client(); "
        "print(client.get('/healthz').status_code, client.get('/admin/login/').status_code)"
    )

    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        probe,
        **{
            **PRODUCTION,
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": "sqlite://:memory:",
            "MEDIA_ROOT": str(tmp_path),
        },
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301"]
