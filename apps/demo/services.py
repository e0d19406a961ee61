"""Demonstration data: a plausible register of any size, the same for the same seed.

``demo_data_generate`` removes the records it made before (``apps.demo.selectors``) and makes
them again, in bulk and in one transaction. It never reads, changes or refers to the seed's
records, and refuses to run beside records that neither it nor the seed made, unless forced.

What it makes for ``scale`` people: about 40 partner nations, each with its ministry of
defence; NATO, two joint force commands with their Mobile Training Teams, the NATO School and
the NATO Defense College with its DEEP team as deliverers (four serial prefixes); a programme
per partner and year (IPCP for Partnership for Peace nations, ITPP for the others) over the
last ten years and the next; a course for every 18 participants or so (8 to 28), with 1 to 4
parts and 1 to 3 trainers, held in the past, planned in the future, a few cancelled; one
trainer for every 60 people; an enrolment per participant and a second for one in eight;
certificates for the completed enrolments of held courses that awarded them, with gapless
serials per issuer and year, about 1.5 % corrected (superseded) and 0.7 % revoked; an
announcement per programme and, for most held courses, the ministry's announcement and a news
agency's report of it.

Generated rows get no history rows unless asked (``history=True`` doubles the time): they are
no one's edits. Dates follow ``today``: the same seed on the same day gives the same rows.
"""

import datetime
import time
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.demo import catalogue
from apps.demo.build.certificates import certificates_make
from apps.demo.build.context import Build
from apps.demo.build.courses import courses_make, courses_plan
from apps.demo.build.enrolments import enrolments_make
from apps.demo.build.organisations import organisations_make
from apps.demo.build.people import trainers_make
from apps.demo.build.programmes import programmes_make
from apps.demo.build.sources import sources_make
from apps.demo.inserts import sequences_reset
from apps.demo.selectors import (
    DEMO_RECORDS,
    demo_records,
    foreign_record_counts,
    prefixes_taken,
)
from apps.people.models import Person

MINIMUM_SCALE = 10
PEOPLE_PER_TRAINER = 60
SCALE_ERROR = _("The scale is the number of people to make: at least {minimum}.")
FOREIGN_RECORDS_ERROR = _(
    "This database holds records that demonstration data did not make ({records}). "
    "Generate into an empty database (or one with only the seed), or force it."
)
RESTING_ON_DEMO_ERROR = _(
    "Records that demonstration data did not make rest on the ones it made before, so these "
    "cannot be replaced: {error}"
)
SERIAL_PREFIX_TAKEN_ERROR = _(
    "Organisations that demonstration data did not make use its serial prefixes ({prefixes})."
)


@dataclass
class DemoReport:
    """What one generation made, what it replaced, and how long it took."""

    scale: int
    seed: int
    created: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def demo_data_generate(
    *,
    scale: int,
    seed: int,
    force: bool = False,
    history: bool = False,
    today: datetime.date | None = None,
) -> DemoReport:
    """Replace the demonstration data with ``scale`` people and all that goes with them.

    Refuses (``ValidationError``, code ``foreign_records``) when the database holds records
    that neither demonstration data nor the seed made, unless ``force``: then it generates
    beside them. ``history`` gives every generated record a history row.
    """
    if scale < MINIMUM_SCALE:
        raise ValidationError(SCALE_ERROR.format(minimum=MINIMUM_SCALE), code="scale")
    started = time.perf_counter()
    foreign = foreign_record_counts()
    if foreign and not force:
        records = ", ".join(f"{count} {name}" for name, count in foreign.items())
        raise ValidationError(FOREIGN_RECORDS_ERROR.format(records=records), code="foreign_records")
    taken = prefixes_taken()
    if taken:
        raise ValidationError(
            SERIAL_PREFIX_TAKEN_ERROR.format(prefixes=", ".join(taken)), code="serial_prefix_taken"
        )
    report = DemoReport(scale=scale, seed=seed)
    with transaction.atomic():
        report.removed = _remove_demo_data()
        build = Build(seed=seed, today=today or timezone.localdate(), history=history)
        report.created = _generate(build, scale)
    report.seconds = time.perf_counter() - started
    return report


def _remove_demo_data() -> dict[str, int]:
    removed = {}
    for model, records in demo_records():
        if hasattr(model, "history"):
            history = model.history.model._default_manager
            history.filter(id__in=records.values("pk"))._raw_delete(history.db)
        # A raw DELETE: the collector would load every row (and simple-history would write a
        # history row for each). The caller checks the foreign keys afterwards, so a record
        # outside the generated data that rests on a removed one still stops it.
        count = records._raw_delete(records.db)
        if count:
            removed[model._meta.label] = count
    # Now, not at commit: a record that rests on a removed one stops it here, clearly.
    try:
        connections[router.db_for_write(Person)].check_constraints(
            table_names=[model._meta.db_table for model, _made in DEMO_RECORDS]
        )
    except IntegrityError as error:
        message = RESTING_ON_DEMO_ERROR.format(error=error)
        raise ValidationError(message, code="resting_on_demo") from error
    return removed


def _generate(build: Build, scale: int) -> dict[str, int]:
    """Make every record, in the order the seeded stream is drawn from: counts by model label."""
    organisations_make(build)
    trainer_count = max(len(catalogue.TEACHING_DELIVERERS), scale // PEOPLE_PER_TRAINER)
    trainers = trainers_make(build, trainer_count)
    courses = courses_plan(build, scale - trainer_count)
    programmes = programmes_make(build, courses)
    courses_make(build, courses, programmes, trainers)
    enrolments = enrolments_make(build, courses)
    certificates_make(build, enrolments)
    sources_make(build, programmes, courses)
    sequences_reset(build.inserted, using=build.using)
    return build.created
