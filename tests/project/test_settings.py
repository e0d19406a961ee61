"""The configuration: environment-driven, safe in production, on the database CI asked for."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STRONG_SECRET_KEY = "k7P2vQ9xR4mN8sT1wY6zA3bC5dE0fG2hJ4kL6mN8pQ0rS2tU4vW"


def run_manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with exactly the given configuration variables.

    The project's .env (which ``make run`` writes) is not read unless ``ENV_FILE`` is given.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    env["ENV_FILE"] = ""
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false", ALLOWED_HOSTS="trainingdb.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_manage(
        "check",
        DEBUG="false",
        SECRET_KEY="django-insecure-" + "x" * 50,
        ALLOWED_HOSTS="trainingdb.example.org",
    )

    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=STRONG_SECRET_KEY,
        ALLOWED_HOSTS="trainingdb.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_starts_without_a_secret_key():
    result = run_manage("check", DEBUG="true")

    assert result.returncode == 0, result.stderr


def test_the_suite_runs_on_the_database_ci_asked_for():
    database_url = os.environ.get("DATABASE_URL", "")
    implied = "postgresql" if database_url.startswith(("postgres", "postgis")) else "sqlite"
    expected = os.environ.get("EXPECTED_DATABASE_VENDOR", implied)

    assert connection.vendor == expected


def test_the_cache_is_redis_exactly_when_redis_url_is_set():
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "django.core.cache.backends.redis.RedisCache"
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"
    key = f"test-{uuid.uuid4()}"
    cache.set(key, "round trip", timeout=30)
    assert cache.get(key) == "round trip"
    cache.delete(key)


@pytest.mark.django_db
def test_sqlite_writers_queue_instead_of_failing():
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"
        return
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
