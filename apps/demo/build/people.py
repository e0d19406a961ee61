"""People as partners name them, and the trainers of each teaching deliverer."""

import datetime
import uuid
from collections import defaultdict
from typing import Any

from apps.demo import catalogue
from apps.demo.build.context import Build
from apps.demo.catalogue import NameStyle
from apps.demo.selectors import DEMO_UID_PREFIX
from apps.people.models import Person, Service, Trainer


def person_build(build: Build, style: NameStyle, nationality: str, **fields: Any) -> Person:
    """A person named in ``style`` (about 15 % women), not saved yet."""
    rng = build.rng
    female = rng.random() < 0.15
    family = rng.choice(style.family)
    if female:
        for male_ending, female_ending in style.feminine:
            if family.endswith(male_ending):
                family = family[: -len(male_ending)] + female_ending
                break
    patronymics = style.female_patronymics if female else style.male_patronymics
    return Person(
        uid=uuid.UUID(int=(DEMO_UID_PREFIX << 96) | rng.getrandbits(96), version=4),
        family_name=family,
        given_names=rng.choice(style.female if female else style.male),
        patronymic=rng.choice(patronymics) if patronymics else "",
        nationality=nationality,
        birth_date=build.day_between(datetime.date(1965, 1, 1), datetime.date(2001, 12, 31)),
        **fields,
        **build.stamps(),
    )


def trainers_make(build: Build, count: int) -> dict[str, list[Trainer]]:
    """Trainers by the key of the deliverer they train for."""
    rng = build.rng
    teams = catalogue.TEACHING_DELIVERERS
    keys = [teams[number % len(teams)] for number in range(count)]
    people = [
        person_build(
            build,
            catalogue.NAME_STYLES[rng.choice(catalogue.TRAINER_STYLES)],
            rng.choice(catalogue.TRAINER_NATIONALITIES),
            rank=rng.choice(catalogue.RANKS[3:]),
            service=Service.JOINT,
            organisation=build.organisations[key],
        )
        for key in keys
    ]
    build.save(Person, people)
    trainers = [
        Trainer(
            person=person,
            expertise=rng.choice(catalogue.EXPERTISE),
            affiliation=build.organisations[key],
            **build.stamps(),
        )
        for person, key in zip(people, keys, strict=True)
    ]
    build.save(Trainer, trainers)
    by_deliverer: dict[str, list[Trainer]] = defaultdict(list)
    for trainer, key in zip(trainers, keys, strict=True):
        by_deliverer[key].append(trainer)
    return by_deliverer
