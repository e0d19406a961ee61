"""Which records demonstration data made, and which it did not.

Generated records carry a mark: organisations, programmes, courses and sources a ``demo-``
slug, people a uid whose first 32 bits are ``DEMO_UID_PREFIX``; every other generated record
rests on marked ones (a course part on a ``demo-`` course, a certificate on an enrolment in
one, a serial counter on a ``demo-`` issuer). The seed's records are known by their natural
keys, read from its fixture.
"""

import json
import uuid
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.certificates.models import Certificate, SerialCounter
from apps.courses.models import Course, CoursePart, CourseTrainer
from apps.demo.catalogue import DELIVERERS
from apps.enrolments.models import Enrolment
from apps.organisations.models import Organisation
from apps.people.models import Person, Trainer
from apps.programmes.models import Programme
from apps.sources.models import CourseSource, ProgrammeSource, Source

DEMO_SLUG_PREFIX = "demo-"
DEMO_UID_PREFIX = 0xDE30DA7A
DEMO_UIDS = (
    uuid.UUID(int=DEMO_UID_PREFIX << 96),
    uuid.UUID(int=(DEMO_UID_PREFIX << 96) | (1 << 96) - 1),
)
SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "ipcp_2026_logistics.json"

_DEMO = Q(slug__startswith=DEMO_SLUG_PREFIX)


def _demo_course(path: str = "course") -> Q:
    return Q(**{f"{path}__slug__startswith": DEMO_SLUG_PREFIX})


# Children before parents: the order in which generated records can be removed.
DEMO_RECORDS: tuple[tuple[type[models.Model], Q], ...] = (
    (Certificate, _demo_course("enrolment__course")),
    (SerialCounter, Q(issuer__slug__startswith=DEMO_SLUG_PREFIX)),
    (Enrolment, _demo_course() & Q(person__uid__range=DEMO_UIDS)),
    (CourseTrainer, _demo_course() & Q(trainer__person__uid__range=DEMO_UIDS)),
    (CoursePart, _demo_course()),
    (CourseSource, _demo_course() & Q(source__slug__startswith=DEMO_SLUG_PREFIX)),
    (
        ProgrammeSource,
        Q(programme__slug__startswith=DEMO_SLUG_PREFIX, source__slug__startswith=DEMO_SLUG_PREFIX),
    ),
    (Source, _DEMO),
    (Course, _DEMO),
    (Trainer, Q(person__uid__range=DEMO_UIDS)),
    (Person, Q(uid__range=DEMO_UIDS)),
    (Programme, _DEMO),
    (Organisation, _DEMO),
)

# How the seed's fixture names a record of each model: the natural key's lookups.
NATURAL_KEY_LOOKUPS: dict[type[models.Model], tuple[str, ...]] = {
    Organisation: ("slug",),
    Programme: ("slug",),
    Course: ("slug",),
    Source: ("slug",),
    CoursePart: ("course__slug", "position"),
    ProgrammeSource: ("source__slug", "programme__slug"),
    CourseSource: ("source__slug", "course__slug"),
}


@cache
def seed_records() -> dict[str, tuple[tuple, ...]]:
    """The natural keys of the seed's records, by model label (``courses.coursepart``)."""
    keys: dict[str, list[tuple]] = {}
    by_label = {model._meta.label_lower: model for model in NATURAL_KEY_LOOKUPS}
    for record in json.loads(SEED_FIXTURE.read_text(encoding="utf-8")):
        lookups = NATURAL_KEY_LOOKUPS[by_label[record["model"]]]
        key = []
        for lookup in lookups:
            value = record["fields"][lookup.split("__")[0]]
            key.append(value[0] if isinstance(value, list) else value)
        keys.setdefault(record["model"], []).append(tuple(key))
    return {label: tuple(found) for label, found in keys.items()}


def _seed_q(model: type[models.Model]) -> Q:
    lookups = NATURAL_KEY_LOOKUPS.get(model, ())
    condition = Q(pk__in=[])
    for key in seed_records().get(model._meta.label_lower, ()):
        condition |= Q(**dict(zip(lookups, key, strict=True)))
    return condition


def demo_records() -> list[tuple[type[models.Model], models.QuerySet]]:
    """Every generated record, per model, children first."""
    return [(model, model._default_manager.filter(made)) for model, made in DEMO_RECORDS]


def foreign_record_counts() -> dict[str, int]:
    """How many records of each model neither demonstration data nor the seed made."""
    counts = {}
    for model, made in DEMO_RECORDS:
        count = model._default_manager.exclude(made).exclude(_seed_q(model)).count()
        if count:
            counts[str(model._meta.verbose_name_plural)] = count
    return counts


def prefixes_taken() -> list[str]:
    """The serial prefixes of demonstration data that organisations it did not make use."""
    prefixes = [body.prefix for body in DELIVERERS if body.prefix]
    taken = Organisation.objects.exclude(_DEMO).filter(serial_prefix__in=prefixes)
    return sorted(taken.values_list("serial_prefix", flat=True))
