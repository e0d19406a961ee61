"""What a client that knows the API's rules sends: schema-valid bodies that also keep them.

A schema states each field alone. The rules between fields (a course ends after it starts),
between a body and the records (one enrolment per person and course) and with today (nobody
completes a course that has not started) are in each field's description and in the 400
answers, which the resources' own tests pin one by one. Schemathesis generates what the schema
allows; for its positive cases (which must be accepted) this module changes the generated body
the way a client reading the descriptions would, so that a refusal of what remains is a real
finding. Negative cases are sent as generated.

Each rule names the model rule it follows. A write to an existing record is checked against
the record merged with the body, as the API does.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone

from apps.certificates.models import Certificate, CertificateStatus
from apps.certificates.services import certificates_preview
from apps.courses.models import Course, CourseStatus, CourseTrainer
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.organisations.models import Organisation
from apps.people.models import Person, Trainer
from apps.programmes.models import Programme
from apps.sources.models import Source

UNKNOWN = "unknown"
FINISHED = {EnrolmentStatus.COMPLETED, EnrolmentStatus.FAILED}
ATTENDED = {EnrolmentStatus.ATTENDED, *FINISHED}
# A nomination list as a registrar's spreadsheet gives it: one new participant.
IMPORT_FILE = "family name,given names,nationality\nMammadov,Rashad,AZ\n"

Body = dict[str, Any]


def _today() -> str:
    return timezone.localdate().isoformat()


def _merged(body: Body, instance: Model | None, fields: list[str]) -> Body:
    """The values the API validates: the stored record's, overwritten by the body's."""
    values: Body = {}
    for name in fields:
        if name in body:
            values[name] = body[name]
        elif instance is not None:
            value = getattr(instance, name if hasattr(instance, name) else f"{name}_id")
            if isinstance(value, Model):
                value = value.pk
            values[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return values


def _set(body: Body, values: Body, *names: str) -> None:
    for name in names:
        body[name] = values.get(name)


def _dates_with_precision(body: Body, values: Body, *pairs: tuple[str, str]) -> None:
    """A date is empty exactly when its precision is unknown (``date_precision``)."""
    for date, precision in pairs:
        if (date in values or precision in values) and (
            values.get(date) is None or values.get(precision) in (None, UNKNOWN)
        ):
            values[date], values[precision] = None, UNKNOWN
            _set(body, values, date, precision)


def course_rules(body: Body, instance: Course | None) -> None:
    fields = ["start_date", "start_precision", "end_date", "end_precision", "status"]
    values = _merged(body, instance, fields)
    _dates_with_precision(
        body, values, ("start_date", "start_precision"), ("end_date", "end_precision")
    )
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:  # end_before_start
        values["end_date"], values["end_precision"] = start, values["start_precision"]
        _set(body, values, "end_date", "end_precision")
    if values.get("status") == CourseStatus.HELD and start and start > _today():
        body["status"] = CourseStatus.PLANNED  # held_before_start
    if instance is None:
        return
    first_completion = (
        instance.enrolments.exclude(completed_on=None).order_by("completed_on").first()
    )
    if first_completion and start and start > first_completion.completed_on.isoformat():
        body["start_date"] = first_completion.completed_on.isoformat()  # start_after_completion
        body["start_precision"] = "day"
    certified = Certificate.objects.filter(
        enrolment__course=instance, status=CertificateStatus.VALID
    ).exists()
    if certified and body.get("status", CourseStatus.HELD) != CourseStatus.HELD:
        body["status"] = CourseStatus.HELD  # course_holds_certificates


def enrolment_rules(body: Body, instance: Enrolment | None) -> None:
    fields = ["course", "person", "status", "nominated_on", "completed_on"]
    values = _merged(body, instance, fields)
    today = _today()
    if instance is not None and instance.holds_current_certificate():
        # certified: a certified enrolment keeps its course, person and completed status.
        values.update(course=instance.course_id, person=instance.person_id, status="completed")
        _set(body, values, "course", "person", "status")
    course = Course.objects.filter(pk=values.get("course")).first()
    start = course.earliest_start.isoformat() if course and course.earliest_start else None
    if values.get("status") in ATTENDED and start and start > today:
        values["status"] = EnrolmentStatus.NOMINATED  # progress_before_course
        _set(body, values, "status")
    if values.get("nominated_on") and values["nominated_on"] > today:
        values["nominated_on"] = today  # nominated_in_future
        _set(body, values, "nominated_on")
    completed_on = values.get("completed_on")
    if completed_on and values.get("status") not in FINISHED:
        values["completed_on"] = None  # completed_on_status
    elif completed_on:
        earliest = max(filter(None, [start, values.get("nominated_on")]), default=completed_on)
        # completed_in_future, completed_before_course, completed_before_nominated
        values["completed_on"] = min(max(completed_on, earliest), today)
    _set(body, values, "completed_on")
    _one_enrolment_per_person(body, values, instance)


def _one_enrolment_per_person(body: Body, values: Body, instance: Enrolment | None) -> None:
    """One enrolment per person and course: a course the person is not yet enrolled in."""
    others = Enrolment.objects.exclude(pk=getattr(instance, "pk", None))
    if not others.filter(course=values.get("course"), person=values.get("person")).exists():
        return
    taken = others.filter(person=values.get("person")).values("course")
    course = Course.objects.exclude(pk__in=taken).order_by("pk").first()
    if course is not None and not (instance and instance.holds_current_certificate()):
        body["course"] = course.pk
        enrolment_rules(body, instance)


def course_trainer_rules(body: Body, instance: CourseTrainer | None) -> None:
    """One assignment per trainer and course: a pair not assigned yet."""
    values = _merged(body, instance, ["course", "trainer"])
    others = CourseTrainer.objects.exclude(pk=getattr(instance, "pk", None))
    if others.filter(course=values.get("course"), trainer=values.get("trainer")).exists():
        taken = others.filter(trainer=values.get("trainer")).values("course")
        course = Course.objects.exclude(pk__in=taken).order_by("pk").first()
        if course is not None:
            body["course"] = course.pk


def trainer_rules(body: Body, instance: Trainer | None) -> None:
    """One trainer profile per person: a person who has none yet."""
    values = _merged(body, instance, ["person"])
    others = Trainer.objects.exclude(pk=getattr(instance, "pk", None))
    if others.filter(person=values.get("person")).exists():
        person = Person.objects.exclude(trainer_profile__in=others).order_by("pk").first()
        if person is not None:
            body["person"] = person.pk


def supersede_rules(body: Body, instance: Certificate | None) -> None:
    """A course date is corrected together with its precision (``date_precision``)."""
    corrections = body.get("corrections")
    if not isinstance(corrections, dict):
        return
    for prefix in ("course_start", "course_end"):
        date, precision = f"{prefix}_date", f"{prefix}_precision"
        if date in corrections or precision in corrections:
            values = {date: corrections.get(date), precision: corrections.get(precision)}
            _dates_with_precision(corrections, values, (date, precision))
            corrections.setdefault(date, values[date])
            corrections.setdefault(precision, values[precision])
    start, end = corrections.get("course_start_date"), corrections.get("course_end_date")
    if start and end and end < start:  # end_before_start
        corrections["course_end_date"] = start
        corrections["course_end_precision"] = corrections.get("course_start_precision")


def programme_rules(body: Body, instance: Programme | None) -> None:
    values = _merged(body, instance, ["partner", "nato_side", "start_year", "end_year"])
    if values.get("partner") and values.get("partner") == values.get("nato_side"):
        other = Organisation.objects.exclude(pk=values["partner"]).order_by("pk").first()
        body["nato_side"] = other.pk  # same_sides
    start, end = values.get("start_year"), values.get("end_year")
    if start and end and end < start:  # end_year_before_start
        body["start_year"], body["end_year"] = end, start


def source_rules(body: Body, instance: Source | None) -> None:
    values = _merged(body, instance, ["published_on", "published_precision", "reported_from"])
    _dates_with_precision(body, values, ("published_on", "published_precision"))
    if instance is not None and values.get("reported_from") is not None:
        body["reported_from"] = None  # reporting_cycle: a source does not report itself


def organisation_rules(body: Body, instance: Organisation | None) -> None:
    values = _merged(body, instance, ["serial_prefix", "parent"])
    prefix = values.get("serial_prefix")
    others = Organisation.objects.exclude(pk=getattr(instance, "pk", None))
    if prefix and others.filter(serial_prefix=prefix).exists():
        body["serial_prefix"] = ""  # serial_prefix_taken
    if instance is not None:
        issued = Certificate.objects.filter(issued_by=instance).exists()
        if issued and "serial_prefix" in body:
            body["serial_prefix"] = instance.serial_prefix  # serial_prefix_change
        if values.get("parent") is not None:
            body["parent"] = None  # parent_cycle: no organisation is its own ancestor


# The account a client logging in for a token knows the password of (made by the fuzz test).
LOGIN_USERNAME = "fuzz-login"
LOGIN_PASSWORD = "a-long-password-for-fuzzing"


def login_rules(body: Body, instance: None) -> None:
    """A client logging in knows its username and password."""
    body["username"], body["password"] = LOGIN_USERNAME, LOGIN_PASSWORD


def merge_rules(body: Body, instance: Person | None) -> None:
    """Merge into another current person who shares no course with this one."""
    if instance is None or instance.merged_into_id is not None:
        return  # an already merged person: refused, documented
    courses = {*instance.enrolments.values_list("course", flat=True)}
    taught = CourseTrainer.objects.filter(trainer__person=instance).values("course")
    candidates = (
        Person.objects.filter(merged_into=None)
        .exclude(pk=instance.pk)
        .exclude(enrolments__course__in=courses)
        .exclude(trainer_profile__assignments__course__in=taught)
        .order_by("pk")
    )
    into = candidates.first()
    if into is not None:
        body["into"] = into.pk


def import_rules(body: Body, instance: Course | None) -> None:
    """A spreadsheet, not any bytes: the file's content is the import's input."""
    body["file"] = IMPORT_FILE
    body.pop("accept_matches", None)


def issuing_rules(body: Body, instance: Course | None) -> None:
    """Certificates come from an organisation with a serial prefix.

    Without one named, the course's delivering organisation (or the nearest above it with a
    prefix) issues; a client that cannot count on that names an issuer with a prefix.
    """
    issuer = Organisation.objects.filter(pk=body.get("issued_by")).first()
    if issuer is None or not issuer.serial_prefix:
        with_prefix = Organisation.objects.exclude(serial_prefix="").order_by("pk").first()
        body["issued_by"] = with_prefix.pk if with_prefix is not None else None


def issuable_course(case: Any) -> None:
    """Certificates are issued for a course that can be certified as it stands.

    Held, ended, and with an issuer of its own (the delivering organisation or one above it
    with a serial prefix), since a request may name none. The service's own preview tells.
    """
    for course in Course.objects.filter(status=CourseStatus.HELD).order_by("pk"):
        try:
            certificates_preview(course=course)
        except ValidationError:
            continue
        case.path_parameters["id"] = course.pk
        return


Rule = Callable[[Body, Any], None]

# Path template → (the model of the record in its path, or None, the rule).
RULES: dict[str, tuple[type[Model] | None, Rule]] = {
    "/api/v1/courses/": (None, course_rules),
    "/api/v1/courses/{id}/": (Course, course_rules),
    "/api/v1/enrolments/": (None, enrolment_rules),
    "/api/v1/enrolments/{id}/": (Enrolment, enrolment_rules),
    "/api/v1/course-trainers/": (None, course_trainer_rules),
    "/api/v1/course-trainers/{id}/": (CourseTrainer, course_trainer_rules),
    "/api/v1/trainers/": (None, trainer_rules),
    "/api/v1/trainers/{id}/": (Trainer, trainer_rules),
    "/api/v1/certificates/{id}/supersede/": (Certificate, supersede_rules),
    "/api/v1/programmes/": (None, programme_rules),
    "/api/v1/programmes/{id}/": (Programme, programme_rules),
    "/api/v1/sources/": (None, source_rules),
    "/api/v1/sources/{id}/": (Source, source_rules),
    "/api/v1/organisations/": (None, organisation_rules),
    "/api/v1/organisations/{id}/": (Organisation, organisation_rules),
    "/api/v1/courses/{id}/enrolments/import/": (Course, import_rules),
    "/api/v1/auth/login/": (None, login_rules),
    "/api/v1/people/{id}/merge/": (Person, merge_rules),
    "/api/v1/courses/{id}/issue-certificates/": (Course, issuing_rules),
}


# Values an operation reads from the query string or the body: a client gives each once
# (both, and differing, is a 400).
ONCE_IN_QUERY_OR_BODY: dict[str, set[str]] = {
    "/api/v1/courses/{id}/issue-certificates/": {"dry_run"},
}

# Path template → how a client picks the record an action needs (not any record will do).
TARGETS: dict[str, Callable[[Any], None]] = {
    "/api/v1/courses/{id}/issue-certificates/": issuable_course,
}


def cursor_rules(query: dict[str, Any]) -> None:
    """A cursor comes from a list's own links, alone: one pages by cursor or by numbers.

    A client starts with an empty cursor and follows ``next``; any other value is not one
    the list gave (400, documented), and neither is a cursor beside a page or an ordering.
    """
    if "cursor" in query:
        query["cursor"] = ""
        query.pop("page", None)
        query.pop("ordering", None)


def year_range_rules(query: dict[str, Any]) -> None:
    """A report's year range runs forward: the first year is not after the last (400)."""
    first, last = (str(query.get(name, "")) for name in ("year_from", "year_to"))
    if first.isdigit() and last.isdigit() and int(first) > int(last):
        query["year_from"], query["year_to"] = query["year_to"], query["year_from"]


def keep_rules(case: Any) -> None:
    """Change a positive case as a client that knows the rules would send it."""
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if positive and isinstance(case.query, dict):
        cursor_rules(case.query)
        year_range_rules(case.query)
    if not positive:
        return
    # The record an action needs, whether the request has a body or not (an absent body is
    # the action's defaults).
    target = (case.path_parameters or {}).get("id")
    if case.path in TARGETS and isinstance(target, int) and Course.objects.filter(pk=target):
        TARGETS[case.path](case)
    found = RULES.get(case.path)
    if found is None or not isinstance(case.body, dict):
        return
    model, rule = found
    instance = None
    if model is not None:
        instance = model.objects.filter(pk=(case.path_parameters or {}).get("id")).first()
        if instance is None:
            return  # a 404, documented
    rule(case.body, instance)
    if case.path in ONCE_IN_QUERY_OR_BODY and isinstance(case.query, dict):
        for name in ONCE_IN_QUERY_OR_BODY[case.path] & set(case.query):
            case.body.pop(name, None)
