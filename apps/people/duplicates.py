"""Possible duplicates across the whole register: pairs of people who may be one.

Comparing every pair of 100,000 people would be 5 billion comparisons, so people are first
put in blocks that a duplicate almost surely shares, and compared only within a block:

- the same birth date: the names, folded (``apps.core.names.fold_name``), are equal, or near
  by edit distance (rapidfuzz's ``fuzz.ratio``, the normalised Indel similarity, 0 to 100);
- the same folded family and given names, when a birth date is unknown: a record typed
  without it, the other with it;
- the same folded family name, when a birth date is unknown: given names near.

Without a birth date on both sides, only names that few people hold (``COMMON_NAME_HOLDERS``)
pair: a common name alone tells nobody apart.

Two people with known, different birth dates are never paired: they are two people. The
folded names are the stored columns, read in one query with the birth dates; nothing else is
read until a page of pairs is shown. People merged into another are left out.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz, process

from apps.people.models import Person

# Folded names at least this near (0 to 100) make a pair. Folding already joins the usual
# spellings across scripts; what is left are typing errors: one letter in ten.
NEAR_NAMES_SCORE = 85
# A birth date the two records cannot compare makes a pair less likely one person.
SAME_NAME_ONE_DATE_UNKNOWN_SCORE = 90
SAME_NAME_DATES_UNKNOWN_SCORE = 80
DATE_UNKNOWN_PENALTY = 15
# Without a birth date on both sides, a name that more people than this hold tells nobody
# apart: its holder would be paired with each of the others, every pair as likely as the
# next, and a common name would make thousands of pairs that nobody can decide.
COMMON_NAME_HOLDERS = 5


class DuplicateReason(models.TextChoices):
    SAME_NAME_AND_BIRTH_DATE = "same_name_and_birth_date", _("same folded name and birth date")
    SAME_NAME_ONE_BIRTH_DATE_UNKNOWN = (
        "same_name_one_birth_date_unknown",
        _("same folded name, one birth date unknown"),
    )
    SAME_NAME_BIRTH_DATES_UNKNOWN = (
        "same_name_birth_dates_unknown",
        _("same folded name, both birth dates unknown"),
    )
    NEAR_NAMES_SAME_BIRTH_DATE = "near_names_same_birth_date", _("near names, same birth date")
    NEAR_NAMES_BIRTH_DATE_UNKNOWN = (
        "near_names_birth_date_unknown",
        _("same folded family name, near given names, a birth date unknown"),
    )


@dataclass(frozen=True)
class DuplicatePair:
    """Two people who may be one: the older record first, how likely (0 to 100) and why."""

    person_id: int
    other_id: int
    score: int
    reason: DuplicateReason


class _Key(NamedTuple):
    id: int
    family: str
    name: str  # folded family and given names
    birth_date: str | None  # as the database writes it: only compared, never read


# Up to this many names, comparing one by one costs less than rapidfuzz's batch call.
SMALL_BLOCK = 32


def _pair(a: _Key, b: _Key, score: float, reason: DuplicateReason) -> DuplicatePair:
    first, second = (a, b) if a.id < b.id else (b, a)
    return DuplicatePair(first.id, second.id, int(score), reason)


def _near(name: str, names: list[str]) -> list[tuple[int, float]]:
    """The positions in ``names`` of the names near ``name``, with how near."""
    if len(names) <= SMALL_BLOCK:
        found = []
        for position, other in enumerate(names):
            score = fuzz.ratio(name, other, score_cutoff=NEAR_NAMES_SCORE)
            if score:
                found.append((position, score))
        return found
    matches = process.extract(
        name, names, scorer=fuzz.ratio, score_cutoff=NEAR_NAMES_SCORE, limit=None
    )
    return [(position, score) for _name, score, position in matches]


def _same_birth_date(keys: list[_Key]) -> Iterable[DuplicatePair]:
    blocks: dict[str, list[_Key]] = defaultdict(list)
    for key in keys:
        if key.birth_date is not None:
            blocks[key.birth_date].append(key)
    for block in blocks.values():
        names = [key.name for key in block]
        for position, key in enumerate(block[:-1]):
            after = position + 1
            for found, score in _near(key.name, names[after:]):
                other = block[after + found]
                if other.name == key.name:
                    yield _pair(key, other, 100, DuplicateReason.SAME_NAME_AND_BIRTH_DATE)
                else:
                    yield _pair(key, other, score, DuplicateReason.NEAR_NAMES_SAME_BIRTH_DATE)


def _birth_date_unknown(keys: list[_Key]) -> Iterable[DuplicatePair]:
    holders = Counter(key.name for key in keys)
    families: dict[str, list[_Key]] = defaultdict(list)
    for key in keys:
        if holders[key.name] <= COMMON_NAME_HOLDERS:
            families[key.family].append(key)
    for block in families.values():
        undated = [key for key in block if key.birth_date is None]
        if not undated:
            continue
        dated = [key for key in block if key.birth_date is not None]
        for position, key in enumerate(undated):
            # Each undated person against the dated ones, and the undated ones after it.
            others = dated + undated[position + 1 :]
            for found, score in _near(key.name, [other.name for other in others]):
                other = others[found]
                if other.name != key.name:
                    score -= DATE_UNKNOWN_PENALTY
                    yield _pair(key, other, score, DuplicateReason.NEAR_NAMES_BIRTH_DATE_UNKNOWN)
                elif other.birth_date is None:
                    yield _pair(
                        key,
                        other,
                        SAME_NAME_DATES_UNKNOWN_SCORE,
                        DuplicateReason.SAME_NAME_BIRTH_DATES_UNKNOWN,
                    )
                else:
                    yield _pair(
                        key,
                        other,
                        SAME_NAME_ONE_DATE_UNKNOWN_SCORE,
                        DuplicateReason.SAME_NAME_ONE_BIRTH_DATE_UNKNOWN,
                    )


def duplicate_pairs() -> list[DuplicatePair]:
    """Every pair of current people who may be one, most likely first. One query.

    Ordered by score, then by the people's ids, so that pages are stable.
    """
    rows = (
        Person.objects.current()
        .order_by()
        # The birth date as text: compared only, and a date object per row would cost
        # as much as all the comparisons.
        .annotate(born=Cast("birth_date", output_field=models.CharField()))
        .values_list("pk", "family_name_folded", "given_names_folded", "born")
    )
    keys = [
        _Key(pk, family, f"{family} {given}" if given else family, born)
        for pk, family, given, born in rows.iterator(chunk_size=5000)
    ]
    pairs = [*_same_birth_date(keys), *_birth_date_unknown(keys)]
    pairs.sort(key=lambda pair: (-pair.score, pair.person_id, pair.other_id))
    return pairs
