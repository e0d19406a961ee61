"""Which permissions each operation needs: one rule for the admin and the API.

Each certificate operation also shows certificates, so each needs the view permission too.
"""

VIEW_CERTIFICATES: tuple[str, ...] = ("certificates.view_certificate",)
ISSUE_CERTIFICATES: tuple[str, ...] = ("certificates.add_certificate", *VIEW_CERTIFICATES)
CHANGE_CERTIFICATES: tuple[str, ...] = ("certificates.change_certificate", *VIEW_CERTIFICATES)

# Importing a spreadsheet creates and changes people and enrolments, and records its batch.
IMPORT_ENROLMENTS: tuple[str, ...] = (
    "people.add_person",
    "people.change_person",
    "people.view_person",
    "enrolments.add_enrolment",
    "enrolments.change_enrolment",
    "enrolments.view_enrolment",
    "imports.add_importbatch",
)
# Undoing one changes (or removes) what the batch wrote.
UNDO_IMPORTS: tuple[str, ...] = (*IMPORT_ENROLMENTS, "imports.change_importbatch")
# Merging moves a person's enrolments and trainer profile to another; both are shown first.
MERGE_PEOPLE: tuple[str, ...] = ("people.merge_person", "people.view_person")

# The reports' aggregate figures name nobody; a course's attendance list names its people.
VIEW_REPORTS: tuple[str, ...] = ("reports.view_report",)
VIEW_ATTENDANCE: tuple[str, ...] = ("enrolments.view_enrolment", "people.view_person")
