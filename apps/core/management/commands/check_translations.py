from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.core.management.translated import TranslatedHelpCommand
from apps.core.translations import (
    catalogue_differences,
    committed_catalogues,
    extract_catalogues,
    statistics_problems,
)


class Command(TranslatedHelpCommand):
    help = _(
        "Check the French catalogues: makemessages would change none of them, and msgfmt "
        "finds every entry translated and none fuzzy. Changes no file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--root",
            type=Path,
            default=Path(settings.BASE_DIR),
            help=_("the project folder to check (default: this project)"),
        )
        parser.add_argument(
            "--skip-extraction",
            action="store_true",
            help=_("check the catalogues' statistics only, without running makemessages"),
        )

    def handle(self, *args: Any, root: Path, skip_extraction: bool, **options: Any) -> None:
        problems = []
        if not skip_extraction:
            committed, obsolete = committed_catalogues(root)
            problems += catalogue_differences(committed, extract_catalogues(root), obsolete)
        problems += statistics_problems(root)
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(
                ngettext(
                    "%(count)d problem in the translation catalogues (run make messages, "
                    "then translate).",
                    "%(count)d problems in the translation catalogues (run make messages, "
                    "then translate).",
                    len(problems),
                )
                % {"count": len(problems)}
            )
        self.stdout.write(gettext("The translation catalogues are complete."))
