import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from apps.people.models import Person
from apps.people.services import person_merge


def _person(value: str) -> Person:
    """A person by id or by their own UID (a merged person's UID names that record here)."""
    try:
        is_id = value.isascii() and value.isdigit() and len(value) < 19  # no id is longer
        lookup = {"pk": int(value)} if is_id else {"uid": uuid.UUID(value)}
    except ValueError as error:
        raise CommandError(f"Not an id or a UID: {value!r}.") from error
    person = Person.objects.select_related("merged_into").filter(**lookup).first()
    if person is None:
        raise CommandError(f"No person has the id or UID {value}.")
    return person


class Command(BaseCommand):
    help = (
        "Merge a person into another, who is kept: enrolments, trainer profile and course "
        "assignments move to the kept person; the merged record stays, marked merged. Exits "
        "non-zero, naming every reason, when refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("person", help="The id or UID of the person merged away.")
        parser.add_argument("into", help="The id or UID of the person kept.")

    def handle(self, *args: Any, **options: Any) -> None:
        person, into = _person(options["person"]), _person(options["into"])
        try:
            kept = person_merge(person=person, into=into, user=None)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(f"Refused: {message}")
            raise CommandError(f"{person} was not merged; nothing was changed.") from error
        self.stdout.write(f"{person} (UID {person.uid}) merged into {kept} (UID {kept.uid}).")
