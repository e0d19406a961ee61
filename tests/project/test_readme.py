"""The README's shell commands work as written after `make run`, so the README cannot drift."""

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.project.test_settings import run_manage

PROJECT_ROOT = Path(__file__).resolve().parents[2]
README = PROJECT_ROOT / "README.md"
NEW_PASSWORD = "Blue-Heron-Logistics-2026"
# What `make run` does before it serves, in its order.
MAKE_RUN_STEPS = (
    ".venv/bin/python manage.py migrate --noinput",
    ".venv/bin/python manage.py loaddata ipcp_2026_logistics",
    ".venv/bin/python manage.py ensure_admin_login",
)


def readme_manage_commands() -> list[str]:
    """Each command line of the README's shell blocks that runs manage.py (comments aside)."""
    blocks = re.findall(r"^```sh\n(.*?)^```", README.read_text(), flags=re.MULTILINE | re.DOTALL)
    commands = []
    for block in blocks:
        for line in block.replace("\\\n", " ").splitlines():
            if "manage.py" in line.split(" #")[0]:
                commands.append(line)
    return commands


@pytest.fixture(scope="module")
def after_make_run(tmp_path_factory) -> dict[str, str]:
    """A shell environment as after `make run`: its .env, a migrated database with the seed.

    A throwaway .env, SQLite database and media folder stand in for the project's own, and
    nothing of the calling process's configuration leaks in (CI sets DEBUG and a database).
    """
    folder = tmp_path_factory.mktemp("after-make-run")
    env_file = folder / ".env"
    subprocess.run(
        ["make", "--silent", f"ENV_FILE={env_file}", str(env_file)],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
        env={key: value for key, value in os.environ.items() if key != "MAKEFLAGS"},
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "MAKEFLAGS", "MAKELEVEL"}
    }
    environment.update(
        ENV_FILE=str(env_file),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
    )
    for step in MAKE_RUN_STEPS:
        result = shell(step, environment)
        assert result.returncode == 0, result.stdout + result.stderr
    return environment


def shell(command: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=PROJECT_ROOT,
        env=environment,
        input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n",  # for changepassword's two prompts
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_readme_gives_the_commands_registrars_ask_for():
    commands = " ".join(readme_manage_commands())

    for name in ("changepassword admin", "create_api_token admin", "issue_certificates"):
        assert f".venv/bin/python manage.py {name}" in commands


@pytest.mark.parametrize("command", readme_manage_commands())
def test_a_readme_command_works_as_written_after_make_run(after_make_run, command):
    result = shell(command, after_make_run)

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_command_typed_without_the_env_file_still_refuses_to_run_without_a_key():
    result = run_manage("create_api_token", "admin")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_development_env_file_never_passes_for_production(after_make_run):
    result = run_manage(
        "check",
        DEBUG="false",
        ALLOWED_HOSTS="trainingdb.example.org",
        ENV_FILE=after_make_run["ENV_FILE"],
    )

    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_make_run_keeps_an_existing_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\nSECRET_KEY=my-own\n")

    subprocess.run(
        ["make", "--silent", f"ENV_FILE={env_file}", str(env_file)],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )

    assert env_file.read_text() == "DEBUG=true\nSECRET_KEY=my-own\n"
