import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from apps.programmes.models import (
    END_YEAR_BEFORE_START_ERROR,
    FIRST_YEAR,
    LAST_YEAR,
    SAME_SIDES_ERROR,
    Programme,
)
from tests.factories import CourseFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def build_programme(**kwargs) -> Programme:
    """An unsaved programme whose two sides are saved, ready for ``full_clean()``."""
    kwargs.setdefault("partner", OrganisationFactory())
    kwargs.setdefault("nato_side", OrganisationFactory())
    return ProgrammeFactory.build(**kwargs)


def test_programme_may_last_a_single_year():
    programme = build_programme(start_year=2026, end_year=2026)

    programme.full_clean()
    programme.save()

    assert Programme.objects.get(pk=programme.pk).period == "2026"


def test_programme_cannot_end_before_it_starts():
    programme = build_programme(start_year=2027, end_year=2026)

    with pytest.raises(ValidationError) as refused:
        programme.full_clean()

    assert refused.value.message_dict == {"end_year": [str(END_YEAR_BEFORE_START_ERROR)]}
    assert refused.value.error_dict["end_year"][0].code == "end_before_start"


def test_database_refuses_a_programme_that_ends_before_it_starts():
    with (
        pytest.raises(IntegrityError, match="programmes_programme_end_not_before_start"),
        transaction.atomic(),
    ):
        ProgrammeFactory(start_year=2027, end_year=2026)

    assert not Programme.objects.exists()


def test_database_refuses_moving_a_programme_end_before_its_start():
    programme = ProgrammeFactory(start_year=2026, end_year=2027)

    with (
        pytest.raises(IntegrityError, match="programmes_programme_end_not_before_start"),
        transaction.atomic(),
    ):
        Programme.objects.filter(pk=programme.pk).update(end_year=2025)

    programme.refresh_from_db()
    assert programme.end_year == 2027


@pytest.mark.parametrize(
    ("years", "field", "code"),
    [
        ({"start_year": FIRST_YEAR - 1, "end_year": 2026}, "start_year", "min_value"),
        ({"start_year": 2026, "end_year": LAST_YEAR + 1}, "end_year", "max_value"),
    ],
    ids=["before-1949", "after-2100"],
)
def test_programme_years_must_be_in_range(years, field, code):
    programme = build_programme(**years)

    with pytest.raises(ValidationError) as refused:
        programme.full_clean()

    assert list(refused.value.message_dict) == [field]
    assert refused.value.error_dict[field][0].code == code


@pytest.mark.parametrize(
    "years",
    [
        {"start_year": FIRST_YEAR - 1, "end_year": 2026},
        {"start_year": 2026, "end_year": LAST_YEAR + 1},
    ],
    ids=["before-1949", "after-2100"],
)
def test_database_refuses_programme_years_out_of_range(years):
    with (
        pytest.raises(IntegrityError, match="programmes_programme_years_in_range"),
        transaction.atomic(),
    ):
        ProgrammeFactory(**years)

    assert not Programme.objects.exists()


def test_programme_years_may_reach_both_ends_of_the_range():
    programme = build_programme(start_year=FIRST_YEAR, end_year=LAST_YEAR)

    programme.full_clean()
    programme.save()

    assert Programme.objects.get(pk=programme.pk).period == f"{FIRST_YEAR}–{LAST_YEAR}"


def test_programme_partner_and_nato_side_must_differ():
    organisation = OrganisationFactory()
    programme = build_programme(partner=organisation, nato_side=organisation)

    with pytest.raises(ValidationError) as refused:
        programme.full_clean()

    assert refused.value.message_dict == {"nato_side": [str(SAME_SIDES_ERROR)]}
    assert refused.value.error_dict["nato_side"][0].code == "same_sides"


def test_database_refuses_a_programme_with_the_same_organisation_on_both_sides():
    programme = ProgrammeFactory()

    with (
        pytest.raises(IntegrityError, match="programmes_programme_two_sides"),
        transaction.atomic(),
    ):
        Programme.objects.filter(pk=programme.pk).update(nato_side=programme.partner)

    programme.refresh_from_db()
    assert programme.nato_side_id != programme.partner_id


def test_programme_slug_must_be_unique():
    ProgrammeFactory(slug="aze-ipcp-2026")
    duplicate = build_programme(slug="aze-ipcp-2026")

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert list(refused.value.message_dict) == ["slug"]
    assert refused.value.error_dict["slug"][0].code == "unique"


def test_database_refuses_a_second_programme_with_the_same_slug():
    ProgrammeFactory(slug="aze-ipcp-2026")

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeFactory(slug="aze-ipcp-2026")

    assert Programme.objects.count() == 1


@pytest.mark.parametrize(
    ("start_year", "end_year", "expected"),
    [(2026, 2027, "IPCP Azerbaijan (2026–2027)"), (2026, 2026, "IPCP Azerbaijan (2026)")],
)
def test_programme_shows_its_title_and_period(start_year, end_year, expected):
    programme = ProgrammeFactory(
        title_en="IPCP Azerbaijan", start_year=start_year, end_year=end_year
    )

    assert str(programme) == expected


@pytest.mark.parametrize(
    ("language", "fr", "expected"),
    [
        ("en", "PICP Azerbaïdjan", "IPCP Azerbaijan"),
        ("fr", "PICP Azerbaïdjan", "PICP Azerbaïdjan"),
        ("fr", "", "IPCP Azerbaijan"),
        ("de", "PICP Azerbaïdjan", "IPCP Azerbaijan"),
    ],
)
def test_programme_title_and_description_follow_the_active_language(language, fr, expected):
    programme = ProgrammeFactory(
        title_en="IPCP Azerbaijan",
        title_fr=fr,
        description_en="IPCP Azerbaijan",
        description_fr=fr,
    )

    with translation.override(language):
        assert programme.title == expected
        assert programme.description == expected
        assert str(programme).startswith(expected)


def test_programme_is_found_by_its_natural_key():
    programme = ProgrammeFactory(slug="aze-ipcp-2026")

    assert programme.natural_key() == ("aze-ipcp-2026",)
    assert Programme.objects.get_by_natural_key(*programme.natural_key()) == programme


def test_programme_with_courses_cannot_be_deleted():
    course = CourseFactory()

    with pytest.raises(ProtectedError):
        course.programme.delete()

    assert Programme.objects.filter(pk=course.programme.pk).exists()


def test_programme_with_a_non_numeric_year_is_refused_without_crashing():
    programme = build_programme(start_year="twenty", end_year=2027)

    with pytest.raises(ValidationError) as refused:
        programme.full_clean()

    assert "start_year" in refused.value.message_dict
