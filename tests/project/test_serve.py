"""Production as `make serve` runs it: the environment it needs, static files, gunicorn."""

import importlib
import json
import multiprocessing
import os
import re
import subprocess

import pytest
from django.test import override_settings

from apps.core.checks import staticfiles_manifest_check
from tests.project.conftest import MANIFEST_STORAGES
from tests.project.test_settings import PRODUCTION, PROJECT_ROOT, run_manage

REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_BASE_URL")
# A static file's address as the manifest gives it: its content's hash in the name.
HASHED_STATIC_FILE = re.compile(r"/static/[\w/.-]+\.[0-9a-f]{12}\.(css|js)")


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ((), REQUIRED),
        (("ALLOWED_HOSTS", "SITE_BASE_URL"), ("SECRET_KEY",)),
        (("SECRET_KEY",), ("ALLOWED_HOSTS", "SITE_BASE_URL")),
    ],
)
def test_make_serve_names_every_missing_variable_before_doing_anything(given, missing):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {*REQUIRED, "MAKEFLAGS", "MAKELEVEL"}
    }
    environment.update({name: PRODUCTION[name] for name in given})

    result = subprocess.run(
        ["make", "--no-print-directory", "serve"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert f"needs these environment variables, unset: {' '.join(missing)} " in result.stderr
    assert result.stdout == ""  # nothing installed, collected or migrated


def test_a_trial_on_this_machine_serves_plain_http_on_a_loopback_address():
    """`make serve` with SITE_BASE_URL=http://127.0.0.1:… runs without a TLS proxy."""
    probe = (
        "from django.test import Client; "
        "print(Client().get('/favicon.ico', HTTP_HOST='127.0.0.1').status_code)"
    )

    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        probe,
        **{
            **PRODUCTION,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_BASE_URL": "http://127.0.0.1:8401",
        },
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200"]  # not redirected to https


def test_production_checks_refuse_to_pass_without_collected_static_files(tmp_path):
    result = run_manage("check", "--deploy", **PRODUCTION, STATIC_ROOT=str(tmp_path))

    assert result.returncode != 0
    assert "(core.E001) The static files' manifest" in result.stderr
    assert "Run 'manage.py collectstatic --noinput' before serving" in result.stderr


@pytest.mark.parametrize("entry_point", ["trainingdb.wsgi", "trainingdb.asgi"])
@pytest.mark.parametrize(("collected", "refused"), [(False, True), (True, False)])
def test_the_application_refuses_to_start_without_collected_static_files(
    tmp_path, collected_static_root, entry_point, collected, refused
):
    static_root = collected_static_root if collected else tmp_path
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        f"import {entry_point}",
        **PRODUCTION,
        STATIC_ROOT=str(static_root),
    )

    assert (result.returncode != 0) == refused, result.stderr
    assert ("TrainingDB refuses to start" in result.stderr) == refused
    assert ("core.E001" in result.stderr) == refused


@pytest.fixture
def production_static_files(settings, collected_static_root):
    """DEBUG off and the manifest storage, reading the collected files."""
    settings.DEBUG = False
    with override_settings(STATIC_ROOT=collected_static_root, STORAGES=MANIFEST_STORAGES):
        yield collected_static_root


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/api/docs/", "/api/v1/"])
def test_pages_with_static_files_answer_once_they_are_collected(
    client, production_static_files, path
):
    assert staticfiles_manifest_check() == []

    response = client.get(path, headers={"Accept": "text/html"})  # /api/v1/: the browsable API

    assert response.status_code == 200
    assert HASHED_STATIC_FILE.search(response.content.decode()), "links no collected file"


@pytest.mark.django_db
def test_without_collected_static_files_the_admin_fails_and_the_check_says_why(
    client, settings, tmp_path
):
    settings.DEBUG = False
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGES):
        [error] = staticfiles_manifest_check()
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            client.get("/admin/login/")

    assert error.id == "core.E001"
    assert "collectstatic" in error.hint


def test_a_manifest_collected_before_an_upgrade_is_refused(settings, tmp_path):
    """A static file added by an upgrade, not collected since, would make its pages 500."""
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"paths": {"core/admin.css": "core/admin.0123456789ab.css"}, "version": "1.1"})
    )

    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGES):
        [error] = staticfiles_manifest_check()

    assert error.id == "core.E002"
    assert "lacks" in error.msg and "e.g. admin/css/" in error.msg
    assert "core/admin.css" not in error.msg
    assert "collected before the last upgrade" in error.msg


def test_gunicorn_takes_its_workers_address_and_port_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("PORT", "8401")
    monkeypatch.delenv("HOST", raising=False)
    config = importlib.reload(importlib.import_module("trainingdb.gunicorn_config"))

    assert config.workers == 3
    assert config.bind == "127.0.0.1:8401"
    # Only Django, told NUM_PROXIES, decides whether X-Forwarded-Proto is believed.
    assert config.forwarded_allow_ips == ""
    assert config.control_socket_disable  # one per user: a second server would take it over

    monkeypatch.delenv("WEB_CONCURRENCY")
    monkeypatch.setenv("HOST", "0.0.0.0")
    config = importlib.reload(config)

    assert config.workers == 2 * multiprocessing.cpu_count() + 1
    assert config.bind == "0.0.0.0:8401"
