from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from apps.core.management.translated import TranslatedHelpCommand
from apps.imports.models import ImportBatch
from apps.imports.undo import import_batch_undo


class Command(TranslatedHelpCommand):
    help = _(
        "Undo an applied import batch: every record it wrote goes back to the state before it. "
        "Prints what was restored; exits non-zero, naming each record in the way, when refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("batch", type=int, help=_("The import batch's id."))

    def handle(self, *args: Any, **options: Any) -> None:
        batch = ImportBatch.objects.filter(pk=options["batch"]).first()
        if batch is None:
            raise CommandError(
                gettext("No import batch has the id %(batch)s.") % {"batch": options["batch"]}
            )
        try:
            report = import_batch_undo(batch=batch, user=None)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(gettext("Refused: %(reason)s") % {"reason": message})
            count = len(error.messages)
            raise CommandError(
                ngettext(
                    "Import batch %(batch)s was not undone: %(count)d reason; nothing was changed.",
                    "Import batch %(batch)s was not undone: %(count)d reasons; nothing was "
                    "changed.",
                    count,
                )
                % {"batch": batch.pk, "count": count}
            ) from error
        actions = {
            "deleted": pgettext("record", "deleted"),
            "restored": pgettext("record", "restored"),
        }
        for record in report.records:
            fields = f" ({', '.join(record.fields)})" if record.fields else ""
            line = gettext("%(action)s: %(record)s") % {
                "action": actions[record.action],
                "record": record.name,
            }
            self.stdout.write(line + fields)
        self.stdout.write(
            gettext(
                "Import batch %(batch)s undone. people deleted: %(people_deleted)d, people "
                "restored: %(people_restored)d, enrolments deleted: %(enrolments_deleted)d, "
                "enrolments restored: %(enrolments_restored)d."
            )
            % {"batch": batch.pk, **report.counts}
        )
