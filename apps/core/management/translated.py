from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand


class TranslatedHelpCommand(BaseCommand):
    """A command whose ``help`` may be lazily translated (``gettext_lazy``).

    argparse formats the description with regular expressions, which refuse a lazy string;
    the arguments' own ``help`` texts may stay lazy (argparse formats them with ``%``).
    """

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> ArgumentParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        if parser.description is not None:
            parser.description = str(parser.description)
        return parser
