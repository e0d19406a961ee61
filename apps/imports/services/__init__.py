"""Importing a course's participants from a spreadsheet (undoing one: ``apps.imports.undo``).

``enrolments_import`` (``importing``) reads the file (``reading``), matches every row to a
person (``matching``), plans each change against the models' own rules (``planning``) and
writes (``writing``); ``report`` is what it answers. Imported from here.
"""

from apps.imports.services.importing import Upload, enrolments_import
from apps.imports.services.report import Difference, ImportReport, Problem, RowReport
from apps.imports.services.rows import BATCH_SIZE
from apps.imports.services.writing import import_history_user

__all__ = [
    "BATCH_SIZE",
    "Difference",
    "ImportReport",
    "Problem",
    "RowReport",
    "Upload",
    "enrolments_import",
    "import_history_user",
]
