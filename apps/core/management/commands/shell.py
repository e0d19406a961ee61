from django.core.management.commands import shell


class Command(shell.Command):
    """Django's shell, without trying to auto-import the historical models.

    django-simple-history builds them at run time, so they have no import path and the
    shell would list each as a failure on start.
    """

    def get_auto_imports(self) -> list[str]:
        return [path for path in super().get_auto_imports() if ".Historical" not in path]
