from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.core.records import records_load

ERRORS_FOUND = "{count} error(s): nothing was loaded."


class Command(BaseCommand):
    help = (
        "Load records from JSON or YAML fixture files: every record checked, every error "
        "reported, then all of them saved or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, change nothing"
        )
        parser.add_argument(
            "--only-new",
            action="store_true",
            help="add only the records whose natural key is not stored yet; leave the others",
        )

    def handle(
        self, *args: Any, files: list[Path], dry_run: bool, only_new: bool, **options: Any
    ) -> None:
        report = records_load(paths=files, dry_run=dry_run, only_new=only_new)
        for error in report.errors:
            self.stderr.write(str(error))
        verb = "would be" if not report.saved else "were"
        self.stdout.write(f"Records that {verb} created, changed and left unchanged:")
        for label, counts in report.counts.items():
            self.stdout.write(
                f"  {label}: {counts.created} created, {counts.changed} changed, "
                f"{counts.unchanged} unchanged"
            )
        if report.errors:
            raise CommandError(ERRORS_FOUND.format(count=len(report.errors)))
