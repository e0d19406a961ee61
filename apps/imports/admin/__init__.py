"""Imports in the admin: the import batches with their undo (``batches``), and a course's
"Import participants" pages (``courses``), mixed into the course's admin."""

from apps.imports.admin.batches import ImportBatchAdmin
from apps.imports.admin.courses import CourseImportsAdminMixin

__all__ = ["CourseImportsAdminMixin", "ImportBatchAdmin"]
