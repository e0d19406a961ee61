import os

from django.core.management.base import CommandError
from django.core.management.commands import loaddata

from apps.core.fixtures import FixtureRecordRefused, fixture_loading


class Command(loaddata.Command):
    """Django's ``loaddata``, telling the raw-save receivers which fixture each record is from.

    ``apps.core.fixtures`` validates each record, refuses changes to frozen fields and writes
    its history; this command only names the fixture and turns a refusal into a clear error.
    """

    def load_label(self, fixture_label: str) -> None:
        name = self.parse_name(os.path.basename(fixture_label))[0]
        with fixture_loading(name):
            try:
                super().load_label(fixture_label)
            except FixtureRecordRefused as error:
                # Django's loaddata has already prefixed the fixture's file to the message.
                raise CommandError(str(error)) from error
