from apps.core.api.permissions import HasPermissions
from apps.core.permissions import IMPORT_ENROLMENTS, UNDO_IMPORTS


class CanImportEnrolments(HasPermissions):
    required = IMPORT_ENROLMENTS


class CanUndoImports(HasPermissions):
    required = UNDO_IMPORTS
