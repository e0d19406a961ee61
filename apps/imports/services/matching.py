"""Matching each row to a person already recorded, or to none: refusing what is not certain."""

import datetime
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.certificates.models import Certificate
from apps.core.names import fold_name
from apps.courses.models import Course
from apps.imports.columns import column_title
from apps.imports.services.report import ImportReport, refuse
from apps.imports.services.rows import Row, chunked
from apps.organisations.models import Organisation
from apps.people.models import Person

FAMILY_NAME_MISSING_ERROR = _("The family name is missing.")
UNKNOWN_UID_ERROR = _("No person has the UID {uid}.")
UNKNOWN_ORGANISATION_ERROR = _(
    "“{value}” is no organisation TrainingDB knows (by its short name, acronym or name in "
    "English or French): record it first."
)
AMBIGUOUS_ORGANISATION_ERROR = _("“{value}” names several organisations: use its short name.")
AMBIGUOUS_MATCH_ERROR = _(
    "Several people match {name} ({reason}): {people}. Give the right one's UID in the column "
    "“uid”."
)
PROBABLE_MATCH_ERROR = _(
    "Probably {person} (UID {uid}), already recorded: same names and nationality, no birth "
    "date to compare. Accept the match (row {row}) or give a birth date or a UID."
)
ENROLLED_UNDER_ANOTHER_SPELLING_ERROR = _(
    "{person} (UID {uid}), whose name is the same once folded, is already enrolled in this "
    "course: give their UID or birth date to update that enrolment, or correct the name."
)
# Why a row was matched to a person, as the report says it.
MATCH_BY_UID = _("uid")
MATCH_BY_BIRTH_DATE = _("same names and birth date")
MATCH_BY_NATIONALITY = _("same names and nationality")
MATCH_PROBABLE = _("same names and nationality (probable match, accepted)")
NOT_MATCHED_NOTE = _(
    "Not matched to {person} (UID {uid}), who has the same names: nothing to compare (birth "
    "date or nationality). A new person is recorded."
)
NAME_KEPT_NOTE = _("{column}: written “{written}”, kept as recorded “{recorded}”.")


class Register:
    """What the rows are matched against, read in a few queries whatever their number."""

    def __init__(self, course: Course, rows: list[Row]) -> None:
        uids = [row.values["uid"] for row in rows if "uid" in row.values]
        families = {row.names[0] for row in rows if "family_name" in row.values}
        # A merged person's UID names the person kept in their place.
        # The organisation with each person: the rows compare it with theirs.
        people = Person.objects.select_related("merged_into__organisation", "organisation")
        self.by_uid = {
            person.uid: person.merged_into or person for person in chunked(people, "uid__in", uids)
        }
        self.by_names: dict[tuple[str, str], list[Person]] = defaultdict(list)
        current = Person.objects.current().select_related("organisation").order_by("pk")
        for person in chunked(current, "family_name_folded__in", families):
            self.by_names[person.family_name_folded, person.given_names_folded].append(person)
        enrolments = course.enrolments.select_related("person")
        self.enrolments = {enrolment.person_id: enrolment for enrolment in enrolments}
        certified = set(
            Certificate.objects.current()
            .filter(enrolment__course=course)
            .values_list("enrolment_id", flat=True)
        )
        for enrolment in self.enrolments.values():
            enrolment.course = course
            enrolment.known_current_certificate = enrolment.pk in certified
        self.enrolled_by_names: dict[tuple[str, str], list[Person]] = defaultdict(list)
        for enrolment in self.enrolments.values():
            person = enrolment.person
            self.enrolled_by_names[person.family_name_folded, person.given_names_folded].append(
                person
            )
        self.organisations: dict[str, list[Organisation]] = defaultdict(list)
        for organisation in Organisation.objects.all():
            keys = {
                organisation.slug,
                organisation.acronym,
                organisation.name_en,
                organisation.name_fr,
            }
            for key in {fold_name(key) for key in keys if key}:
                self.organisations[key].append(organisation)
        self.organisations_read: dict[str, list[Organisation]] = {}

    def organisations_named(self, value: str) -> list[Organisation]:
        """The organisations a cell names; a file names few, each on many rows."""
        if value not in self.organisations_read:
            self.organisations_read[value] = self.organisations.get(fold_name(value), [])
        return self.organisations_read[value]


def _compatible(person: Person, birth_date: datetime.date | None) -> bool:
    """Birth dates do not tell the two apart (one of them is unknown, or they agree)."""
    return person.birth_date is None or birth_date is None or person.birth_date == birth_date


def organisation_read(row: Row, register: Register, report: ImportReport) -> None:
    value = row.values.get("organisation")
    if value is None:
        return
    found = register.organisations_named(value)
    if len(found) == 1:
        row.values["organisation"] = found[0]
        return
    message = (AMBIGUOUS_ORGANISATION_ERROR if found else UNKNOWN_ORGANISATION_ERROR).format(
        value=value
    )
    refuse(report, row.report, "organisation", ValidationError(message, code="organisation"))


def new_person_key(row: Row) -> tuple[str, str, Any]:
    return (*row.names, row.values.get("birth_date"))


def person_match(
    row: Row, register: Register, report: ImportReport, accepted: set[int]
) -> Person | None:
    """The person the row names, or None for a new person; refuses what is not certain."""
    values = row.values
    if "uid" in values:
        person = register.by_uid.get(values["uid"])
        if person is None:
            message = UNKNOWN_UID_ERROR.format(uid=values["uid"])
            refuse(report, row.report, "uid", ValidationError(message, code="unknown_uid"))
            return None
        return _matched(row, person, MATCH_BY_UID)
    if "family_name" not in values:
        error = ValidationError(FAMILY_NAME_MISSING_ERROR, code="required")
        refuse(report, row.report, "family_name", error)
        return None
    names = row.names
    birth_date = values.get("birth_date")
    candidates = register.by_names.get(names, [])
    if birth_date is not None:
        same = [person for person in candidates if person.birth_date == birth_date]
        if len(same) == 1:
            return _matched(row, same[0], MATCH_BY_BIRTH_DATE)
        if same:
            return _ambiguous(row, report, same, MATCH_BY_BIRTH_DATE)
    nationality = values.get("nationality")
    if nationality:
        probable = [
            person
            for person in candidates
            # Birth dates first: they tell most namesakes apart, and cost less to compare.
            if _compatible(person, birth_date) and person.nationality == nationality
        ]
        if len(probable) > 1:
            return _ambiguous(row, report, probable, MATCH_BY_NATIONALITY)
        if probable:
            person = probable[0]
            if row.number in accepted:
                return _matched(row, person, MATCH_PROBABLE)
            message = PROBABLE_MATCH_ERROR.format(person=person, uid=person.uid, row=row.number)
            error = ValidationError(message, code="probable_match")
            refuse(report, row.report, "family_name", error)
            row.report.person_id, row.report.person_uid = person.pk, str(person.uid)
            return None
    for person in register.enrolled_by_names.get(names, []):
        if _compatible(person, birth_date):
            message = ENROLLED_UNDER_ANOTHER_SPELLING_ERROR.format(person=person, uid=person.uid)
            error = ValidationError(message, code="enrolled_under_another_spelling")
            refuse(report, row.report, "family_name", error)
            return None
    for person in candidates:
        if _compatible(person, birth_date):
            row.report.notes.append(NOT_MATCHED_NOTE.format(person=person, uid=person.uid))
    return None


def _matched(row: Row, person: Person, reason: str) -> Person:
    row.report.person, row.report.match_reason = "matched", str(reason)
    row.report.person_id, row.report.person_uid = person.pk, str(person.uid)
    for name in ("family_name", "given_names"):
        written = row.values.get(name)
        if written and written != getattr(person, name):
            title = column_title(name)
            row.report.notes.append(
                NAME_KEPT_NOTE.format(column=title, written=written, recorded=getattr(person, name))
            )
    return person


def _ambiguous(row: Row, report: ImportReport, people: list[Person], reason: str) -> None:
    listed = ", ".join(f"{person} (UID {person.uid})" for person in people)
    message = AMBIGUOUS_MATCH_ERROR.format(name=row.report.name, reason=reason, people=listed)
    refuse(report, row.report, "family_name", ValidationError(message, code="ambiguous_match"))
