"""Merging two records of one person: the only way a person's enrolments change hands.

A merge moves what rests on the duplicate to the person kept, and keeps the duplicate as a
record marked merged, so that its UID still names someone (``PersonManager``). Certificates
rest on enrolments, which move; what a certificate prints and verifies is its own frozen copy
and does not change.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from apps.core.audit import CHANGE, actions_log
from apps.core.fixtures import CHANGE_REASON_MAX_LENGTH
from apps.courses.models import Course, CourseTrainer
from apps.enrolments.models import Enrolment
from apps.people.models import MERGED_INTO_ITSELF_ERROR, Person, Trainer

ALREADY_MERGED_ERROR = _("{person} was already merged into {into}.")
MERGE_INTO_MERGED_ERROR = _("{into} was merged into {kept}: merge into {kept} instead.")
SAME_COURSE_ERROR = _(
    "Both people are enrolled in the same course ({courses}): withdraw or correct one of "
    "the enrolments first, as one person holds one enrolment per course."
)
SAME_COURSE_TRAINER_ERROR = _(
    "Both people are assigned as trainers to the same course ({courses}): remove one of "
    "the assignments first."
)
COURSES_NAMED = 5  # in a refusal: enough to find them, short enough to read

# History's change reasons hold 100 characters: ids and UIDs, not names.
MERGED_REASON = _("Merged into person {into} (UID {uid}).")
KEPT_REASON = _("Person {person} (UID {uid}) merged into this one.")
MOVED_REASON = _("Moved from person {person} to {into}, merged into it.")
TRAINER_PROFILE_MERGED_REASON = _("Merged into the trainer profile of person {into}.")


def _reason(template: str, **values: object) -> str:
    return str(template).format(**values)[:CHANGE_REASON_MAX_LENGTH]


def _course_list(courses: list[Course]) -> str:
    names = [str(course.title) for course in courses[:COURSES_NAMED]]
    if len(courses) > COURSES_NAMED:
        names.append(f"+{len(courses) - COURSES_NAMED}")
    return "; ".join(names)


def person_merge_refusals(*, person: Person, into: Person) -> list[ValidationError]:
    """Every reason ``person`` cannot be merged into ``into``; none when it can."""
    if person.pk == into.pk:
        return [ValidationError(MERGED_INTO_ITSELF_ERROR, code="merged_into_itself")]
    refusals = []
    if person.merged_into_id is not None:
        message = ALREADY_MERGED_ERROR.format(person=person, into=person.merged_into)
        refusals.append(ValidationError(message, code="already_merged"))
    if into.merged_into_id is not None:
        message = MERGE_INTO_MERGED_ERROR.format(into=into, kept=into.merged_into)
        refusals.append(ValidationError(message, code="merge_into_merged"))
    shared = list(
        Course.objects.filter(enrolments__person=person)
        .filter(enrolments__person=into)
        .order_by("pk")
    )
    if shared:
        message = SAME_COURSE_ERROR.format(courses=_course_list(shared))
        refusals.append(ValidationError(message, code="same_course"))
    taught = list(
        Course.objects.filter(trainer_roles__trainer__person=person)
        .filter(trainer_roles__trainer__person=into)
        .order_by("pk")
    )
    if taught:
        message = SAME_COURSE_TRAINER_ERROR.format(courses=_course_list(taught))
        refusals.append(ValidationError(message, code="same_course_trainer"))
    return refusals


@transaction.atomic
def person_merge(
    *, person: Person, into: Person, user: AbstractBaseUser | AnonymousUser | None
) -> Person:
    """Merge ``person`` into ``into``, who is kept; return the kept person.

    Enrolments, the trainer profile (or, when both have one, its course assignments) and
    the people merged earlier into ``person`` move to ``into``; ``person`` stays, marked
    merged. Refused with every reason (``ValidationError``) when the two are one record,
    either was merged already, or both are enrolled in, or teach, the same course.
    """
    # Lock both people, in one order whatever the argument order, so that two merges of
    # the same pair cannot deadlock, and a concurrent merge of either waits for this one.
    locked = {
        locked.pk: locked
        for locked in Person.objects.select_for_update()
        .filter(pk__in=[person.pk, into.pk])
        .order_by("pk")
    }
    person, into = locked[person.pk], locked[into.pk]
    # The enrolments that move, locked too: an edit of one waits for the merge. A new
    # enrolment of one of them, added meanwhile in a course the other is enrolled in, meets
    # the unique constraint (one per person and course) and the merge fails whole
    # (IntegrityError: a 409 in the API).
    list(Enrolment.objects.select_for_update().filter(person__in=[person, into]).order_by("pk"))
    refusals = person_merge_refusals(person=person, into=into)
    if refusals:
        raise ValidationError(refusals)

    now = timezone.now()
    moved_reason = _reason(MOVED_REASON, person=person.pk, into=into.pk)
    history = {"default_user": user, "default_change_reason": moved_reason}
    enrolments = list(Enrolment.objects.filter(person=person).order_by("pk"))
    for enrolment in enrolments:
        # A certified enrolment's participant never changes by an edit (Enrolment.clean);
        # here it is the same participant under the record kept, and the certificate keeps
        # its frozen copy of the name.
        enrolment.person, enrolment.updated_at = into, now
    if enrolments:
        bulk_update_with_history(enrolments, Enrolment, ["person", "updated_at"], **history)
    _trainer_profile_move(person=person, into=into, user=user, reason=moved_reason)
    earlier = list(Person.objects.filter(merged_into=person).order_by("pk"))
    for merged in earlier:
        merged.merged_into, merged.updated_at = into, now
    if earlier:
        bulk_update_with_history(earlier, Person, ["merged_into", "updated_at"], **history)

    person.merged_into, person.merged_at = into, now
    person._history_user = user
    person._change_reason = _reason(MERGED_REASON, into=into.pk, uid=into.uid)
    person.save(update_fields=["merged_into", "merged_at"])
    # A history row on the person kept too, though none of its fields changed: its record
    # now answers for the other's UID and holds its enrolments.
    into._history_user = user
    into._change_reason = _reason(KEPT_REASON, person=person.pk, uid=person.uid)
    into.save(update_fields=["updated_at"])
    actions_log(user=user, objects=[person], action_flag=CHANGE, message=person._change_reason)
    actions_log(user=user, objects=[into], action_flag=CHANGE, message=into._change_reason)
    return into


def _trainer_profile_move(
    *, person: Person, into: Person, user: AbstractBaseUser | AnonymousUser | None, reason: str
) -> None:
    profile = Trainer.objects.select_for_update().filter(person=person).order_by("pk").first()
    if profile is None:
        return
    kept = Trainer.objects.select_for_update().filter(person=into).order_by("pk").first()
    if kept is None:
        profile.person = into
        profile._history_user = user
        profile._change_reason = reason
        profile.save(update_fields=["person"])
        return
    assignments = list(CourseTrainer.objects.filter(trainer=profile).order_by("pk"))
    for assignment in assignments:
        assignment.trainer = kept
    if assignments:
        bulk_update_with_history(
            assignments,
            CourseTrainer,
            ["trainer"],
            default_user=user,
            default_change_reason=reason,
        )
    # What the kept profile does not say, the other may.
    filled = [
        name
        for name in ("expertise", "affiliation")
        if not getattr(kept, name) and getattr(profile, name)
    ]
    for name in filled:
        setattr(kept, name, getattr(profile, name))
    kept._history_user = user
    kept._change_reason = reason
    kept.save(update_fields=filled)
    # One person, one trainer profile: the emptied one goes, its history stays.
    profile._history_user = user
    profile._change_reason = _reason(TRAINER_PROFILE_MERGED_REASON, into=into.pk)
    profile.delete()
