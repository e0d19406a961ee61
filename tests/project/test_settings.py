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
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": STRONG_SECRET_KEY,
    "ALLOWED_HOSTS": "trainingdb.example.org",
    "SITE_BASE_URL": "https://trainingdb.example.org",
    "NUM_PROXIES": "0",
}
# Renders an unsaved certificate's PDF (no database needed) and prints the address it carries.
PRINTED_ADDRESS = """
import datetime, io
from pypdf import PdfReader
from apps.certificates.models import Certificate
from apps.certificates.pdf import certificate_pdf_context, certificate_pdf_render
certificate = Certificate(
    serial="JFCBS-2026-000001", holder_name="Aliyev Rashad", holder_family_name="Aliyev",
    course_title_en="Logistics", programme_title_en="IPCP", issuer_name_en="JFC Brunssum",
    issued_on=datetime.date(2026, 3, 6), verification_code="abc",
)
url = certificate_pdf_context(certificate)["verification_url"]
page = PdfReader(io.BytesIO(certificate_pdf_render(certificate))).pages[0]
text = "".join(page.extract_text().split())
print(url, url in text)
"""


def run_manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with exactly the given configuration variables.

    The project's .env (which ``make run`` writes) is not read unless ``ENV_FILE`` is given.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "REDIS_URL",
            "SITE_BASE_URL",
            "PORT",
        }
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
    result = run_manage("check", **{**PRODUCTION, "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_manage("check", **{**PRODUCTION, "SECRET_KEY": "django-insecure-" + "x" * 50})

    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_production_refuses_to_start_without_a_site_base_url():
    result = run_manage("check", **{**PRODUCTION, "SITE_BASE_URL": ""})

    assert result.returncode != 0
    assert "SITE_BASE_URL is not set" in result.stderr


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("http://trainingdb.example.org", "SITE_BASE_URL must use https in production"),
        ("trainingdb.example.org", "SITE_BASE_URL must be a scheme and a host"),
        ("https://trainingdb.example.org/verify", "SITE_BASE_URL must be a scheme and a host"),
    ],
)
def test_production_refuses_a_site_base_url_that_would_print_a_wrong_link(address, message):
    result = run_manage("check", **{**PRODUCTION, "SITE_BASE_URL": address})

    assert result.returncode != 0
    assert message in result.stderr


def test_in_development_a_pdf_prints_its_verification_link_on_the_served_port():
    result = run_manage("shell", "--no-imports", "-c", PRINTED_ADDRESS, DEBUG="true", PORT="8432")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://127.0.0.1:8432/verify/abc/", "True"]


def test_the_makefile_passes_the_port_to_the_server_and_the_settings():
    makefile = (PROJECT_ROOT / "Makefile").read_text()

    assert "export PORT ?= 8000" in makefile
    assert "runserver 127.0.0.1:$(PORT)" in makefile


def test_production_settings_pass_the_deployment_checks(collected_static_root):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        STATIC_ROOT=str(collected_static_root),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deployment_checks_want_num_proxies_said_explicitly():
    unset = {key: value for key, value in PRODUCTION.items() if key != "NUM_PROXIES"}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **unset)

    assert result.returncode != 0
    assert "trainingdb.W001" in result.stderr + result.stdout
    assert "NUM_PROXIES is not set" in result.stderr + result.stdout


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


# What a process started with a given REDIS_URL keeps where.
STORES = (
    "from django.conf import settings; cache = settings.CACHES['default']; "
    "print(settings.SESSION_ENGINE, cache['BACKEND'], cache.get('KEY_PREFIX', '-'), "
    "getattr(settings, 'CELERY_BROKER_TRANSPORT_OPTIONS', '-'))"
)


@pytest.mark.parametrize(
    ("redis_url", "expected"),
    [
        (
            "",
            "django.contrib.sessions.backends.db "
            "django.core.cache.backends.locmem.LocMemCache - "
            "{'global_keyprefix': 'trainingdb-eu:'}",  # a broker may be Redis all the same
        ),
        (
            "redis://127.0.0.1:6379/7",
            "django.contrib.sessions.backends.cached_db "
            "django.core.cache.backends.redis.RedisCache trainingdb-eu: "
            "{'global_keyprefix': 'trainingdb-eu:'}",
        ),
    ],
)
def test_sessions_are_in_the_shared_cache_and_the_database_exactly_when_redis_is_set(
    redis_url, expected
):
    """With Redis every app server reads the same sessions, and a Redis restart keeps them."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        STORES,
        DEBUG="true",
        REDIS_URL=redis_url,
        REDIS_KEY_PREFIX="trainingdb-eu:",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.django_db
def test_sqlite_writers_queue_instead_of_failing():
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"
        return
    assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


# A plain-http request that claims, through X-Forwarded-Proto, to have come over HTTPS.
FORGED_HTTPS = (
    "from django.test import Client; "
    "response = Client().get('/favicon.ico', headers={'X-Forwarded-Proto': 'https'}); "
    "print(response.status_code, response.get('Location', ''))"
)


@pytest.mark.parametrize(
    ("num_proxies", "expected"),
    [
        ("0", ["301", "https://testserver/favicon.ico"]),  # not believed: redirected to HTTPS
        ("1", ["200"]),  # a trusted proxy said the request came over HTTPS
    ],
)
def test_production_believes_x_forwarded_proto_only_behind_a_configured_proxy(
    num_proxies, expected
):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        FORGED_HTTPS,
        **{
            **PRODUCTION,
            "ALLOWED_HOSTS": "testserver",
            "NUM_PROXIES": num_proxies,
            "DATABASE_URL": "sqlite://:memory:",
        },
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected
