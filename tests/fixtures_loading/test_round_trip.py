"""A natural-key dump of the whole database, flushed and loaded back, is the same database."""

import datetime
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from apps.certificates.models import CertificateStatus, SerialCounter
from apps.core.fixtures import fixture_change_reason
from apps.core.records import records_load
from apps.sources.models import CourseSource, ProgrammeSource
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    CoursePartFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    OrganisationFactory,
    PersonFactory,
    SourceFactory,
    UserFactory,
    api_token_for,
)

# Outside a test transaction: PostgreSQL cannot TRUNCATE (flush) tables with pending
# deferred constraint checks.
pytestmark = pytest.mark.django_db(transaction=True)


def build_a_database() -> None:
    """A record of every model, with the relations that make loading order matter."""
    nato = OrganisationFactory(slug="nato", serial_prefix="NATO")
    team = OrganisationFactory(slug="team", parent=OrganisationFactory(slug="command", parent=nato))
    course = CourseFactory(delivered_by=team, organised_by=nato)
    CoursePartFactory(course=course, position=1)
    CoursePartFactory(course=course, position=2)
    CourseTrainerFactory(course=course)
    registrar = UserFactory(username="registrar-of-record")
    api_token_for(registrar)
    first, second, third = (
        CertificateFactory(enrolment=EnrolmentFactory(course=course, completed=True))
        for _ in range(3)
    )
    first.status = CertificateStatus.REVOKED
    first.revoked_at = timezone.now()
    first.revoked_by = registrar
    first.revocation_reason = "Issued in error."
    first.save()
    second.status = CertificateStatus.SUPERSEDED
    second.save()
    CertificateFactory(enrolment=second.enrolment, supersedes=second)
    EnrolmentFactory(course=course, person=PersonFactory(organisation=team))
    report = SourceFactory(slug="report")
    SourceFactory(
        slug="retold",
        reported_from=report,
        published_on=datetime.date(2026, 3, 7),
        published_precision="day",
    )
    ProgrammeSource.objects.create(source=report, programme=course.programme)
    CourseSource.objects.create(source=report, course=course)
    SerialCounter.objects.create(issuer=nato, year=2026, last_number=4)


# Django's JSON dump writes a time to the millisecond: a time under a millisecond past the
# second is dumped as "…:54.000Z", and once loaded back (now exactly on the second) as
# "…:54Z". Both say the same time at the dump's precision.
WHOLE_SECOND = re.compile(r"(:\d\d)\.000(?=Z|[+-]\d\d:\d\d)")


def dump(path: Path) -> dict[str, list[str]]:
    """Every table as dumped by natural keys: per model, its rows as sorted JSON texts.

    A history row names its record by primary key (which a natural-key dump leaves out), so
    that one column is compared as the record's natural key.
    """
    call_command("dumpdata", natural_foreign=True, natural_primary=True, output=str(path))
    tables: dict[str, list[str]] = defaultdict(list)
    for row in json.loads(path.read_text(encoding="utf-8")):
        model = apps.get_model(row["model"])
        tracked = getattr(model, "instance_type", None)
        if tracked is not None:
            record = tracked._base_manager.get(pk=row["fields"]["id"])
            row["fields"]["id"] = list(record.natural_key())
        tables[row["model"]].append(WHOLE_SECOND.sub(r"\1", json.dumps(row, sort_keys=True)))
    return {model: sorted(rows) for model, rows in tables.items()}


def test_dump_flush_and_load_records_give_back_the_same_database(tmp_path):
    build_a_database()
    before = dump(tmp_path / "whole.json")

    call_command("flush", interactive=False, verbosity=0)
    report = records_load(paths=[tmp_path / "whole.json"])

    assert report.errors == []
    after = dump(tmp_path / "after.json")
    loaded_reason = fixture_change_reason("whole")
    assert set(after) == set(before)
    for model, rows in after.items():
        if getattr(apps.get_model(model), "instance_type", None) is not None:
            # The load's own history rows come on top of the history it brought back.
            rows = [row for row in rows if loaded_reason not in row]
        assert rows == before[model], model
    assert "certificates.historicalcertificate" in before
    assert "knox.authtoken" in before
