from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.management.translated import TranslatedHelpCommand
from apps.core.records import records_load

ERRORS_FOUND = _("{count} error(s): nothing was loaded.")


class Command(TranslatedHelpCommand):
    help = _(
        "Load records from JSON or YAML fixture files: every record checked, every error "
        "reported, then all of them saved or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help=_("check and count, change nothing")
        )
        parser.add_argument(
            "--only-new",
            action="store_true",
            help=_("add only the records whose natural key is not stored yet; leave the others"),
        )

    def handle(
        self, *args: Any, files: list[Path], dry_run: bool, only_new: bool, **options: Any
    ) -> None:
        report = records_load(paths=files, dry_run=dry_run, only_new=only_new)
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(
            gettext("Records that were created, changed and left unchanged:")
            if report.saved
            else gettext("Records that would be created, changed and left unchanged:")
        )
        for label, counts in report.counts.items():
            self.stdout.write(
                gettext(
                    "  %(label)s: %(created)d created, %(changed)d changed, %(unchanged)d unchanged"
                )
                % {
                    "label": label,
                    "created": counts.created,
                    "changed": counts.changed,
                    "unchanged": counts.unchanged,
                }
            )
        if report.errors:
            raise CommandError(ERRORS_FOUND.format(count=len(report.errors)))
