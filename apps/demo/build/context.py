"""The state of one generation: the seeded random stream, today, and the records made so far."""

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import models, router
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from apps.courses.models import Course
from apps.demo.catalogue import Nation
from apps.demo.inserts import rows_insert
from apps.organisations.models import Organisation
from apps.people.models import Person

CHANGE_REASON = "Generated demonstration data (seed {seed})"
ONE_DAY = datetime.timedelta(days=1)


@dataclass
class PlannedCourse:
    """A course before it is saved: its partner nation and how many participants it takes."""

    course: Course
    nation: Nation
    size: int
    participants: list[Person] = field(default_factory=list)


class Build:
    """One generation: a seeded random stream, today, and the records made so far."""

    def __init__(self, *, seed: int, today: datetime.date, history: bool) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.history = history
        midnight = datetime.datetime.combine(today, datetime.time())
        self.stamp = timezone.make_aware(midnight) if timezone.is_naive(midnight) else midnight
        self.created: dict[str, int] = {}
        self.using = router.db_for_write(Person)
        self.inserted: set[type[models.Model]] = set()
        self.organisations: dict[str, Organisation] = {}
        self.ministries: dict[str, Organisation] = {}
        self.issuers: dict[str, Organisation] = {}
        self.agencies: list[tuple[Organisation, tuple[str, str, str, str]]] = []

    def save(self, model: type[models.Model], objects: list[Any]) -> list[Any]:
        """Insert in bulk, names folded; through the ORM, and slower, when history is asked."""
        if self.history and hasattr(model, "history"):
            bulk_create_with_history(
                objects,
                model,
                batch_size=2000,
                default_change_reason=CHANGE_REASON.format(seed=self.seed),
                default_date=self.stamp,
            )
        else:
            if hasattr(model, "fold_names"):
                for obj in objects:
                    obj.fold_names()
            rows_insert(model, objects, using=self.using)
            self.inserted.add(model)
        name = model._meta.label
        self.created[name] = self.created.get(name, 0) + len(objects)
        return objects

    def stamps(self) -> dict[str, datetime.datetime]:
        return {"created_at": self.stamp, "updated_at": self.stamp}

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randrange((last - first).days + 1))
