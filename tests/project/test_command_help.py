"""Every command of the project shows its help, in English and in French."""

import pytest
from django.core.management import get_commands, load_command_class
from django.utils import translation

from apps.core.management.translated import TranslatedHelpCommand

OUR_COMMANDS = sorted(
    (name, app) for name, app in get_commands().items() if app.startswith("apps.")
)
# Django's own commands extended without a help of ours: Django's help, already a str.
DJANGO_HELP = {"loaddata", "shell"}


def normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("name", "app"), OUR_COMMANDS, ids=[name for name, _app in OUR_COMMANDS])
def test_a_command_shows_its_own_help_in_english_and_in_french(name, app):
    command = load_command_class(app, name)
    helps = {}
    for language in ("en", "fr"):
        with translation.override(language):
            shown = command.create_parser("manage.py", name).format_help()
            helps[language] = normalised(str(command.help))
        assert helps[language] in normalised(shown)

    if name not in DJANGO_HELP:
        assert isinstance(command, TranslatedHelpCommand)
        assert helps["fr"] != helps["en"]
