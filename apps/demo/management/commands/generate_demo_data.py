from argparse import ArgumentParser
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.management.translated import TranslatedHelpCommand
from apps.demo.services import demo_data_generate


def _model_name(label: str) -> str:
    """The model's plural name in the active language, beside its label."""
    return str(apps.get_model(label)._meta.verbose_name_plural)


class Command(TranslatedHelpCommand):
    help = _(
        "Replace the demonstration data with a plausible register of --scale people, the same "
        "for the same --seed (on the same day). Refuses when the database holds records that "
        "neither it nor the seed made, unless --force. Never touches the seed's records."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--scale", type=int, default=1000, help=_("people (default 1000)"))
        parser.add_argument("--seed", type=int, default=1, help=_("random seed (default 1)"))
        parser.add_argument(
            "--force", action="store_true", help=_("generate beside records it did not make")
        )
        parser.add_argument(
            "--history", action="store_true", help=_("give every generated record a history row")
        )

    def handle(
        self, *args: Any, scale: int, seed: int, force: bool, history: bool, **options: Any
    ) -> None:
        try:
            report = demo_data_generate(scale=scale, seed=seed, force=force, history=history)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if report.removed:
            removed = ", ".join(
                f"{number_format(count, force_grouping=True)} {_model_name(label)} ({label})"
                for label, count in report.removed.items()
            )
            self.stdout.write(
                gettext("Removed the earlier demonstration data: %(removed)s.")
                % {"removed": removed}
            )
        for label, count in report.created.items():
            count_text = number_format(count, force_grouping=True)
            self.stdout.write(f"{count_text:>9}  {label}  {_model_name(label)}")
        self.stdout.write(
            self.style.SUCCESS(
                gettext("Generated %(scale)s people with seed %(seed)s in %(seconds)s s.")
                % {
                    "scale": number_format(report.scale, force_grouping=True),
                    "seed": report.seed,
                    "seconds": number_format(report.seconds, 1),
                }
            )
        )
