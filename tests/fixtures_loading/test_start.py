"""``make run`` on a database in use: a start never undoes a registrar's work."""

import re
import shlex
from pathlib import Path

import pytest
from django.core.management import call_command

from apps.courses.models import Course
from apps.organisations.models import Organisation

pytestmark = pytest.mark.django_db

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"
BAKU = "ipcp-2026-logistics-planning-in-nato-baku"
# Serving and the admin login are not about the records.
NOT_START_STEPS = {"runserver", "ensure_admin_login"}


def start_steps() -> list[list[str]]:
    """The ``manage.py`` commands of the Makefile's ``run`` target, in order."""
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", MAKEFILE.read_text(), re.MULTILINE).group(1)
    steps = []
    for line in recipe.splitlines():
        if line.strip().startswith("@#"):
            continue
        words = shlex.split(line.strip())
        if "manage.py" in words:
            command = words[words.index("manage.py") + 1 :]
            if command[0] not in NOT_START_STEPS:
                steps.append(command)
    return steps


def start() -> None:
    for command, *arguments in start_steps():
        call_command(command, *arguments, verbosity=0)


def test_the_start_loads_the_seed_into_an_empty_database_with_history():
    start()

    course = Course.objects.get(slug=BAKU)
    assert Organisation.objects.count() == 6
    assert course.history.get().history_change_reason == ("Loaded from fixture ipcp_2026_logistics")


def test_a_start_keeps_a_registrars_edit_of_a_seeded_record(api_client_for, registrar):
    start()
    course = Course.objects.get(slug=BAKU)
    response = api_client_for("registrar").patch(
        f"/api/v1/courses/{course.pk}/", {"city": "Bakı"}, format="json"
    )
    assert response.status_code == 200

    start()

    course.refresh_from_db()
    latest = course.history.latest()
    assert course.city == "Bakı"
    assert (latest.city, latest.history_user) == ("Bakı", registrar)
    assert course.history.count() == 2
    assert Organisation.objects.count() == 6


def test_a_start_writes_nothing_over_a_changed_seed_record_not_even_history():
    start()
    Organisation.objects.filter(slug="agenzia-nova").update(name_en="Agenzia Nova")
    count = Organisation.history.count()

    start()

    assert Organisation.objects.get(slug="agenzia-nova").name_en == "Agenzia Nova"
    assert Organisation.history.count() == count
