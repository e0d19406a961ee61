from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.imports.models import ImportBatch
from apps.imports.undo import import_batch_undo


class Command(BaseCommand):
    help = (
        "Undo an applied import batch: every record it wrote goes back to the state before it. "
        "Prints what was restored; exits non-zero, naming each record in the way, when refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("batch", type=int, help="The import batch's id.")

    def handle(self, *args: Any, **options: Any) -> None:
        batch = ImportBatch.objects.filter(pk=options["batch"]).first()
        if batch is None:
            raise CommandError(f"No import batch has the id {options['batch']}.")
        try:
            report = import_batch_undo(batch=batch, user=None)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(f"Refused: {message}")
            raise CommandError(
                f"Import batch {batch.pk} was not undone: {len(error.messages)} reason(s); "
                "nothing was changed."
            ) from error
        for record in report.records:
            fields = f" ({', '.join(record.fields)})" if record.fields else ""
            self.stdout.write(f"{record.action}: {record.name}{fields}")
        counts = ", ".join(f"{name.replace('_', ' ')}: {n}" for name, n in report.counts.items())
        self.stdout.write(f"Import batch {batch.pk} undone. {counts}.")
