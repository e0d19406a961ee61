import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.management.translated import TranslatedHelpCommand
from apps.people.models import Person
from apps.people.services import person_merge


def _person(value: str) -> Person:
    """A person by id or by their own UID (a merged person's UID names that record here)."""
    try:
        is_id = value.isascii() and value.isdigit() and len(value) < 19  # no id is longer
        lookup = {"pk": int(value)} if is_id else {"uid": uuid.UUID(value)}
    except ValueError as error:
        message = gettext("Not an id or a UID: %(value)s.") % {"value": repr(value)}
        raise CommandError(message) from error
    person = Person.objects.select_related("merged_into").filter(**lookup).first()
    if person is None:
        raise CommandError(gettext("No person has the id or UID %(value)s.") % {"value": value})
    return person


class Command(TranslatedHelpCommand):
    help = _(
        "Merge a person into another, who is kept: enrolments, trainer profile and course "
        "assignments move to the kept person; the merged record stays, marked merged. Exits "
        "non-zero, naming every reason, when refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person", help=_("The id or UID of the person merged away."))
        parser.add_argument("into", help=_("The id or UID of the person kept."))

    def handle(self, *args: Any, **options: Any) -> None:
        person, into = _person(options["person"]), _person(options["into"])
        try:
            kept = person_merge(person=person, into=into, user=None)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(gettext("Refused: %(reason)s") % {"reason": message})
            message = gettext("%(person)s was not merged; nothing was changed.")
            raise CommandError(message % {"person": person}) from error
        self.stdout.write(
            gettext("%(person)s (UID %(uid)s) merged into %(kept)s (UID %(kept_uid)s).")
            % {"person": person, "uid": person.uid, "kept": kept, "kept_uid": kept.uid}
        )
