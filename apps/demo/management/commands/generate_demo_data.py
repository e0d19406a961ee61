from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.demo.services import demo_data_generate


class Command(BaseCommand):
    help = (
        "Replace the demonstration data with a plausible register of --scale people, the same "
        "for the same --seed (on the same day). Refuses when the database holds records that "
        "neither it nor the seed made, unless --force. Never touches the seed's records."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--scale", type=int, default=1000, help="people (default 1000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument(
            "--force", action="store_true", help="generate beside records it did not make"
        )
        parser.add_argument(
            "--history", action="store_true", help="give every generated record a history row"
        )

    def handle(
        self, *args: Any, scale: int, seed: int, force: bool, history: bool, **options: Any
    ) -> None:
        try:
            report = demo_data_generate(scale=scale, seed=seed, force=force, history=history)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if report.removed:
            removed = ", ".join(f"{count} {name}" for name, count in report.removed.items())
            self.stdout.write(f"Removed the earlier demonstration data: {removed}.")
        for name, count in report.created.items():
            self.stdout.write(f"{count:>9,}  {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {report.scale:,} people with seed {report.seed} "
                f"in {report.seconds:.1f} s."
            )
        )
