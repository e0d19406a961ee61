import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from apps.core.dates import DatePrecision
from apps.organisations.models import Organisation
from apps.sources.models import REPORTING_CYCLE_ERROR, Source, SourceKind
from tests.factories import OrganisationFactory, SourceFactory

pytestmark = pytest.mark.django_db

MAY_17 = datetime.date(2026, 5, 17)


def build_source(**kwargs) -> Source:
    """An unsaved source whose publisher is saved, ready for ``full_clean()``."""
    kwargs.setdefault("publisher", OrganisationFactory())
    return SourceFactory.build(**kwargs)


def test_source_shows_its_publisher_and_title():
    source = SourceFactory(
        publisher__name_en="Trend News Agency",
        publisher__acronym="Trend",
        title="Azerbaijani officers trained by NATO team",
    )

    assert str(source) == "Trend News Agency (Trend): Azerbaijani officers trained by NATO team"


def test_source_without_title_shows_its_publisher_and_kind():
    source = SourceFactory(
        publisher__name_en="Ministry of Defence", title="", kind=SourceKind.ANNOUNCEMENT
    )

    assert str(source) == "Ministry of Defence: official announcement"


def test_source_without_publisher_says_the_publisher_is_unknown():
    source = SourceFactory(publisher=None, title="", kind=SourceKind.NEWS_REPORT)

    assert str(source) == "unknown publisher: news report"


def test_source_with_a_long_title_shows_it_shortened_to_80_characters():
    source = SourceFactory(publisher__name_en="Nova", title="x" * 120)

    label = str(source).removeprefix("Nova: ")
    assert len(label) == 80
    assert label.endswith("…")


def test_source_is_found_by_its_natural_key():
    source = SourceFactory(slug="trend-2026-03-06")

    assert source.natural_key() == ("trend-2026-03-06",)
    assert Source.objects.get_by_natural_key(*source.natural_key()) == source


def test_source_slug_must_be_unique():
    SourceFactory(slug="trend-2026-03-06")
    duplicate = build_source(slug="trend-2026-03-06")

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert list(refused.value.message_dict) == ["slug"]
    assert refused.value.error_dict["slug"][0].code == "unique"


def test_database_refuses_a_second_source_with_the_same_slug():
    SourceFactory(slug="trend-2026-03-06")

    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(slug="trend-2026-03-06")

    assert Source.objects.count() == 1


def test_reporting_chain_runs_from_the_source_to_the_original():
    announcement = SourceFactory(kind=SourceKind.ANNOUNCEMENT)
    report = SourceFactory(reported_from=announcement)
    relay = build_source(reported_from=report)

    relay.full_clean()
    relay.save()

    assert relay.reporting_chain == [relay, report, announcement]


def test_source_cannot_be_reported_from_itself():
    source = SourceFactory()
    source.reported_from = source

    with pytest.raises(ValidationError) as refused:
        source.full_clean()

    assert refused.value.message_dict == {"reported_from": [str(REPORTING_CYCLE_ERROR)]}
    assert refused.value.error_dict["reported_from"][0].code == "reporting_cycle"


def test_database_refuses_a_source_reported_from_itself():
    source = SourceFactory()

    with (
        pytest.raises(IntegrityError, match="sources_source_not_reported_from_itself"),
        transaction.atomic(),
    ):
        Source.objects.filter(pk=source.pk).update(reported_from=source)

    source.refresh_from_db()
    assert source.reported_from is None


def test_source_cannot_be_reported_from_a_source_that_reports_it():
    a = SourceFactory()
    b = SourceFactory(reported_from=a)
    a = Source.objects.get(pk=a.pk)
    a.reported_from = Source.objects.get(pk=b.pk)

    with pytest.raises(ValidationError) as refused:
        a.full_clean()

    assert refused.value.error_dict["reported_from"][0].code == "reporting_cycle"


def test_source_cannot_be_reported_from_further_down_its_own_chain():
    original = SourceFactory()
    report = SourceFactory(reported_from=original)
    relay = SourceFactory(reported_from=report)
    original = Source.objects.get(pk=original.pk)
    original.reported_from = Source.objects.get(pk=relay.pk)

    with pytest.raises(ValidationError) as refused:
        original.full_clean()

    assert refused.value.message_dict == {"reported_from": [str(REPORTING_CYCLE_ERROR)]}
    assert Source.objects.get(pk=original.pk).reported_from is None


@pytest.mark.parametrize(
    ("precision", "stored", "shown"),
    [
        (DatePrecision.DAY, datetime.date(2026, 5, 17), "17 May 2026"),
        (DatePrecision.MONTH, datetime.date(2026, 5, 1), "May 2026"),
        (DatePrecision.YEAR, datetime.date(2026, 1, 1), "2026"),
    ],
)
def test_publication_date_is_stored_and_shown_as_far_as_it_is_known(precision, stored, shown):
    source = build_source(published_on=MAY_17, published_precision=precision)

    source.full_clean()
    source.save()

    source.refresh_from_db()
    assert source.published_on == stored
    assert source.published_display == shown


def test_source_with_unknown_publication_date_shows_it_as_empty():
    source = build_source(published_on=None, published_precision=DatePrecision.UNKNOWN)

    source.full_clean()

    assert source.published_display == ""


@pytest.mark.parametrize(
    ("date", "field"),
    [
        (
            {"published_on": MAY_17, "published_precision": DatePrecision.UNKNOWN},
            "published_precision",
        ),
        ({"published_on": None, "published_precision": DatePrecision.DAY}, "published_on"),
    ],
    ids=["date-without-precision", "precision-without-date"],
)
def test_publication_date_is_empty_exactly_when_its_precision_is_unknown(date, field):
    source = build_source(**date)

    with pytest.raises(ValidationError) as refused:
        source.full_clean()

    assert list(refused.value.message_dict) == [field]
    assert refused.value.error_dict[field][0].code == "date_precision"


@pytest.mark.parametrize(
    "date",
    [
        {"published_on": MAY_17, "published_precision": DatePrecision.UNKNOWN},
        {"published_on": None, "published_precision": DatePrecision.MONTH},
    ],
    ids=["date-without-precision", "precision-without-date"],
)
def test_database_refuses_a_publication_date_that_does_not_match_its_precision(date):
    with (
        pytest.raises(IntegrityError, match="sources_source_published_precision"),
        transaction.atomic(),
    ):
        SourceFactory(**date)

    assert not Source.objects.exists()


def test_source_that_another_reports_cannot_be_deleted():
    original = SourceFactory()
    SourceFactory(reported_from=original)

    with pytest.raises(ProtectedError):
        original.delete()

    assert Source.objects.count() == 2


def test_publisher_of_a_source_cannot_be_deleted():
    source = SourceFactory()

    with pytest.raises(ProtectedError):
        source.publisher.delete()

    assert Organisation.objects.filter(pk=source.publisher_id).exists()


def test_source_with_a_malformed_publication_date_is_refused_without_crashing():
    source = build_source(published_on="May 2026", published_precision=DatePrecision.MONTH)

    with pytest.raises(ValidationError) as refused:
        source.full_clean()

    assert "published_on" in refused.value.message_dict


def test_source_reported_from_an_unknown_source_is_refused_without_crashing():
    source = build_source(reported_from_id=999_999)

    with pytest.raises(ValidationError) as refused:
        source.full_clean()

    assert "reported_from" in refused.value.message_dict
