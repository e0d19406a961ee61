"""Undoing an applied import: the records it wrote go back to the state before it, or nothing does.

What a batch touched is read from history: every row the import wrote carries the batch's
``history_reason``. A record the batch created is deleted; a record it changed gets back the
values of its history row before the batch's. The undo is refused, naming every record in the
way: when something the batch touched has changed since (a history row after the batch's,
other than those of a later import undone since), when a certificate rests on an enrolment it
touched, or when a person it created is now used elsewhere (another enrolment, a trainer).
"""

import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from apps.certificates.models import Certificate
from apps.core.dates import format_moment
from apps.courses.models import Course
from apps.enrolments.models import Enrolment
from apps.imports.models import ImportBatch, ImportBatchStatus
from apps.people.models import Person, Trainer

BATCH_SIZE = 500
# ImportBatch.history_reason and undo_reason, read back.
BATCH_REASON = re.compile(r"(?:Undo of import|Import) batch (\d+)")

ALREADY_UNDONE_ERROR = _("Import batch {batch} was undone already ({when}).")
CHANGED_SINCE_ERROR = _(
    "{record} has changed since import batch {batch} ({change}): undo that change first, "
    "or correct the record by hand."
)
DELETED_SINCE_ERROR = _("{record} was deleted after import batch {batch}.")
NO_EARLIER_HISTORY_ERROR = _(
    "{record}: no history row before import batch {batch} tells what it was before."
)
CERTIFIED_ERROR = _(
    "{record} holds certificate {serials}: an undo never removes or changes a certified enrolment."
)
PERSON_IN_USE_ERROR = _(
    "{record}, created by import batch {batch}, is now {uses}: it cannot be removed."
)

RECORD_NAMED = _("{label} “{name}”")

# The models an import writes, in the order an undo deletes what it created.
UNDONE_MODELS: tuple[type[models.Model], ...] = (Enrolment, Person)
# Written by the undo itself, never copied back from history.
NOT_RESTORED = {"id", "updated_at"}


@dataclass
class UndoneRecord:
    """One record the undo deleted or restored."""

    model: str
    id: int
    name: str
    action: str  # "deleted" or "restored"
    fields: list[str] = field(default_factory=list)


@dataclass
class UndoReport:
    """What an undo did, record by record."""

    batch_id: int
    records: list[UndoneRecord] = field(default_factory=list)

    def count(self, model: type[models.Model], action: str) -> int:
        label = model._meta.label
        return sum(record.model == label and record.action == action for record in self.records)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "people_deleted": self.count(Person, "deleted"),
            "people_restored": self.count(Person, "restored"),
            "enrolments_deleted": self.count(Enrolment, "deleted"),
            "enrolments_restored": self.count(Enrolment, "restored"),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "batch": self.batch_id,
            "counts": self.counts,
            "records": [asdict(record) for record in self.records],
        }


@dataclass
class _Touched:
    """A record the batch wrote: its history around the batch, and the live record."""

    model: type[models.Model]
    object_id: int
    first: Any  # the batch's first history row for the record
    before: Any = None  # the history row before it, if any
    latest: Any = None  # the record's latest history row of all
    since: list[Any] = field(default_factory=list)  # rows written after the batch's, by others
    record: Any = None  # the live record, None once deleted

    @property
    def created(self) -> bool:
        return self.first.history_type == "+"


def _name(touched: _Touched) -> str:
    """The record as a registrar knows it: its kind, its name and its natural key."""
    label = touched.model._meta.verbose_name.capitalize()
    row = touched.record or touched.latest
    try:
        name = str(row) if touched.record is not None else str(row.instance)
        key = " / ".join(str(part) for part in row.natural_key()) if touched.record else ""
    except Exception:  # a record deleted since, whose related rows are gone too
        name, key = f"#{touched.object_id}", ""
    named = RECORD_NAMED.format(label=label, name=name)
    return named + (f" ({key})" if key else "")


def import_batch_undo(
    *, batch: ImportBatch, user: AbstractBaseUser | AnonymousUser | None = None
) -> UndoReport:
    """Undo an applied import as a unit: every record it wrote as before it, or nothing.

    Raises ``ValidationError`` listing every reason to refuse (each with its code) and writes
    nothing then. The undo's own history rows carry ``batch.undo_reason``; the records it
    deletes get a deletion row each, so history stays complete.
    """
    history_user = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        # The import locks the course too: an import into it and this undo never interleave.
        Course.objects.select_for_update().filter(pk=batch.course_id).first()
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status == ImportBatchStatus.UNDONE:
            message = ALREADY_UNDONE_ERROR.format(
                batch=batch.pk, when=format_moment(batch.undone_at)
            )
            raise ValidationError(message, code="already_undone")
        touched = _touched(batch)
        problems = _problems(batch, touched)
        if problems:
            raise ValidationError(problems)
        report = UndoReport(batch_id=batch.pk)
        for model in UNDONE_MODELS:
            changed = [t for t in touched if t.model is model and not t.created]
            _restore(batch, changed, report, history_user)
        report.records.extend(
            UndoneRecord(t.model._meta.label, t.object_id, _name(t), "deleted")
            for t in touched
            if t.created
        )
        for model in UNDONE_MODELS:
            _delete(batch, [t for t in touched if t.model is model and t.created], history_user)
        batch.status, batch.undone_at, batch.undone_by = (
            ImportBatchStatus.UNDONE,
            timezone.now(),
            history_user,
        )
        batch._change_reason = batch.undo_reason
        batch.save(update_fields=["status", "undone_at", "undone_by"])
    return report


def _touched(batch: ImportBatch) -> list[_Touched]:
    """Every record the batch wrote, with its history around the batch, records locked."""
    touched: list[_Touched] = []
    for model in UNDONE_MODELS:
        history = model.history.model
        tagged = history.objects.filter(history_change_reason=batch.history_reason).order_by(
            "history_id"
        )
        by_id: dict[int, _Touched] = {}
        for row in tagged.iterator(chunk_size=BATCH_SIZE):
            by_id.setdefault(row.id, _Touched(model, row.id, first=row))
        ids = list(by_id)
        for start in range(0, len(ids), BATCH_SIZE):
            chunk = ids[start : start + BATCH_SIZE]
            # Locked, so that nothing changes them between the checks and the restore.
            live = _locked(model).in_bulk(chunk)
            rows = history.objects.filter(id__in=chunk).order_by("history_id")
            rows_by_id: dict[int, list[Any]] = defaultdict(list)
            for row in rows:
                rows_by_id[row.id].append(row)
            for object_id in chunk:
                item = by_id[object_id]
                item.record = live.get(object_id)
                item.latest = rows_by_id[object_id][-1]
                first = item.first.history_id
                earlier = [r for r in rows_by_id[object_id] if r.history_id < first]
                item.before = earlier[-1] if earlier else None
                item.since = [
                    r
                    for r in rows_by_id[object_id]
                    if r.history_id > first and r.history_change_reason != batch.history_reason
                ]
        touched.extend(by_id.values())
    return touched


def _locked(model: type[models.Model]) -> models.QuerySet:
    queryset = model.objects.select_for_update()
    if model is Enrolment:
        # Their names in the report read the course and the person: joined, not one per row.
        queryset = queryset.select_related("course", "person")
    return queryset


def _problems(batch: ImportBatch, touched: list[_Touched]) -> list[ValidationError]:
    """Every reason to refuse the undo, each naming its record."""
    problems: list[ValidationError] = []
    neutral = _undone_batches_reasons(touched)
    for item in touched:
        changes = [row for row in item.since if row.history_change_reason not in neutral]
        if changes:
            latest = changes[-1]
            if item.record is None:
                message = DELETED_SINCE_ERROR.format(record=_name(item), batch=batch.pk)
                problems.append(ValidationError(message, code="deleted_since"))
            else:
                change = format_moment(latest.history_date)
                if latest.history_change_reason:
                    change += f", {latest.history_change_reason}"
                message = CHANGED_SINCE_ERROR.format(
                    record=_name(item), batch=batch.pk, change=change
                )
                problems.append(ValidationError(message, code="changed_since"))
        elif not item.created and item.before is None:
            message = NO_EARLIER_HISTORY_ERROR.format(record=_name(item), batch=batch.pk)
            problems.append(ValidationError(message, code="no_earlier_history"))
    problems.extend(_certified(touched))
    problems.extend(_people_in_use(batch, touched))
    return problems


def _undone_batches_reasons(touched: list[_Touched]) -> set[str]:
    """The reasons of rows that changed nothing in the end: a later import and its undo.

    Undoing the later of two imports, then the earlier, is the natural order: the later one's
    rows and its undo's rows cancel out, and are no change since the earlier one.
    """
    reasons = {row.history_change_reason or "" for item in touched for row in item.since}
    ids = {
        int(match.group(1))
        for reason in reasons
        if (match := BATCH_REASON.fullmatch(reason)) is not None
    }
    neutral: set[str] = set()
    for undone in ImportBatch.objects.filter(pk__in=ids, status=ImportBatchStatus.UNDONE):
        neutral.update({undone.history_reason, undone.undo_reason})
    return neutral


def _certified(touched: list[_Touched]) -> list[ValidationError]:
    """Any certificate at all (current, revoked or superseded) keeps its enrolment as it is."""
    enrolments = {t.object_id: t for t in touched if t.model is Enrolment}
    serials: dict[int, list[str]] = defaultdict(list)
    ids = list(enrolments)
    for start in range(0, len(ids), BATCH_SIZE):
        rows = Certificate.objects.filter(enrolment_id__in=ids[start : start + BATCH_SIZE])
        for enrolment_id, serial in rows.order_by("serial").values_list("enrolment_id", "serial"):
            serials[enrolment_id].append(serial)
    return [
        ValidationError(
            CERTIFIED_ERROR.format(record=_name(enrolments[pk]), serials=", ".join(found)),
            code="certified",
        )
        for pk, found in sorted(serials.items())
    ]


def _people_in_use(batch: ImportBatch, touched: list[_Touched]) -> list[ValidationError]:
    """People the batch created that other records now rest on: they must stay."""
    created = {t.object_id: t for t in touched if t.model is Person and t.created}
    removed = {t.object_id for t in touched if t.model is Enrolment and t.created}
    uses: dict[int, list[str]] = defaultdict(list)
    ids = list(created)
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        others = (
            Enrolment.objects.filter(person_id__in=chunk)
            .exclude(pk__in=removed)
            .select_related("course")
            .order_by("pk")
        )
        for enrolment in others:
            uses[enrolment.person_id].append(
                gettext("enrolled in %(course)s") % {"course": enrolment.course.title}
            )
        for person_id in Trainer.objects.filter(person_id__in=chunk).values_list(
            "person_id", flat=True
        ):
            uses[person_id].append(gettext("a trainer"))
    return [
        ValidationError(
            PERSON_IN_USE_ERROR.format(
                record=_name(created[pk]), batch=batch.pk, uses=", ".join(found)
            ),
            code="person_in_use",
        )
        for pk, found in sorted(uses.items())
    ]


def _restore(
    batch: ImportBatch,
    items: list[_Touched],
    report: UndoReport,
    user: AbstractBaseUser | None,
) -> None:
    """Give each changed record back the values of its history row before the batch's."""
    if not items:
        return
    model = items[0].model
    names = [
        f.attname
        for f in model._meta.concrete_fields
        if f.attname not in NOT_RESTORED and hasattr(items[0].before, f.attname)
    ]
    now = timezone.now()
    changed: set[str] = set()
    records = []
    for item in items:
        record = item.record
        differing = [name for name in names if getattr(record, name) != getattr(item.before, name)]
        for name in differing:
            setattr(record, name, getattr(item.before, name))
        record.updated_at = now
        changed.update(differing)
        records.append(record)
        report.records.append(
            UndoneRecord(model._meta.label, item.object_id, _name(item), "restored", differing)
        )
    bulk_update_with_history(
        records,
        model,
        sorted({*changed, "updated_at"}),
        batch_size=BATCH_SIZE,
        default_user=user,
        default_change_reason=batch.undo_reason,
    )


def _delete(batch: ImportBatch, items: list[_Touched], user: AbstractBaseUser | None) -> None:
    """Delete what the batch created, each with a deletion row in its history.

    Django's collector deletes in batches and sends each instance given here to
    simple-history's ``post_delete``, which reads the reason and user set on it.
    """
    if not items:
        return
    records = [item.record for item in items]
    for record in records:
        record._change_reason = batch.undo_reason
        record._history_user = user
    collector = Collector(using=records[0]._state.db)
    collector.collect(records)
    collector.delete()
