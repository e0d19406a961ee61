"""Writing what the rows planned, in bulk, each history row tagged with the import batch."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from apps.courses.models import Course
from apps.enrolments.models import Enrolment
from apps.imports.models import ImportBatch
from apps.imports.services.report import ENROLMENT_FIELDS, ImportReport
from apps.imports.services.rows import BATCH_SIZE, Row, slices
from apps.people.models import Person


def import_history_user(
    user: AbstractBaseUser | AnonymousUser | None,
) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def rows_write(
    course: Course,
    rows: list[Row],
    report: ImportReport,
    *,
    content_name: str,
    user: AbstractBaseUser | AnonymousUser | None,
) -> ImportBatch:
    """Write what the rows planned, in bulk, each history row tagged with the new batch."""
    counts = report.counts
    batch = ImportBatch.objects.create(
        course=course,
        file_name=content_name[:255],
        sha256=report.sha256,
        imported_by=import_history_user(user),
        rows=counts["rows"],
        people_created=counts["people_created"],
        people_changed=counts["people_changed"],
        enrolments_created=counts["enrolments_created"],
        enrolments_changed=counts["enrolments_changed"],
        unchanged=counts["unchanged"],
    )
    history = {
        "default_user": import_history_user(user),
        "default_change_reason": batch.history_reason,
        "batch_size": BATCH_SIZE,
    }
    now = timezone.now()
    # Slice by slice: history rows are built for one slice at a time, not for the whole file.
    new_people = [row.person for row in rows if row.report.person == "new"]
    for people in slices(new_people):
        bulk_create_with_history(people, Person, **history)
    for changed in slices([row for row in rows if row.person_fields]):
        for row in changed:
            row.person.updated_at = now
        fields = sorted(set().union(*(row.person_fields for row in changed)))
        people = [row.person for row in changed]
        bulk_update_with_history(people, Person, [*fields, "updated_at"], **history)
    for planned in slices([row for row in rows if row.new_enrolment is not None]):
        enrolments = [
            Enrolment(
                course=course,
                person=row.person,  # with the id bulk_create gave a new person
                **dict(zip(ENROLMENT_FIELDS, row.new_enrolment, strict=True)),
            )
            for row in planned
        ]
        bulk_create_with_history(enrolments, Enrolment, **history)
    for changed in slices([row for row in rows if row.enrolment_fields]):
        for row in changed:
            row.enrolment.updated_at = now
        fields = sorted(set().union(*(row.enrolment_fields for row in changed)))
        enrolments = [row.enrolment for row in changed]
        bulk_update_with_history(enrolments, Enrolment, [*fields, "updated_at"], **history)
    for row in rows:
        if row.person is not None:
            row.report.person_id, row.report.person_uid = row.person.pk, str(row.person.uid)
    return batch
