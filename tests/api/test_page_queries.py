"""Queries compiled once answer what the ORM answers for a page's ids, in one query each."""

import datetime
from unittest import mock

import pytest

from apps.core.api.page_queries import PageQuery
from apps.courses.api.views import HEAD_COUNTS, with_head_counts
from apps.courses.models import Course, CoursePart
from apps.sources.models import Source
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    CoursePartFactory,
    EnrolmentFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

PART_COLUMNS = ["id", "position", "kind", "title_en", "course_id"]
SOURCE_COLUMNS = ["id", "slug", "published_on", "publisher__slug", "courses"]


@pytest.fixture
def courses():
    first, second, third = CourseFactory.create_batch(3)
    for position in (2, 1):
        CoursePartFactory(course=first, position=position)
    CoursePartFactory(course=second, position=1)
    shared = SourceFactory(published_on=datetime.date(2026, 3, 5), published_precision="day")
    shared.courses.add(first, second)
    SourceFactory().courses.add(third)
    CertificateFactory(enrolment=EnrolmentFactory(course=first))
    EnrolmentFactory(course=second)
    return [first, second, third]


def test_rows_of_a_foreign_key_are_the_orms_in_its_order(courses):
    ids = [course.pk for course in courses[:2]]
    parts = CoursePart.objects.order_by("position", "id")
    query = PageQuery(parts, link="course_id", columns=PART_COLUMNS)

    assert query.rows(ids) == list(parts.filter(course_id__in=ids).values(*PART_COLUMNS))


def test_rows_through_a_many_to_many_link_give_one_row_per_link_with_dates(courses):
    ids = [course.pk for course in courses]
    sources = Source.objects.order_by("slug")
    query = PageQuery(sources, link="courses", columns=SOURCE_COLUMNS)

    rows = query.rows(ids)

    def by_link(row):
        return row["slug"], row["courses"]  # a shared source's links tie on the order

    expected = sources.filter(courses__in=ids).values(*SOURCE_COLUMNS)
    assert sorted(rows, key=by_link) == sorted(expected, key=by_link)
    assert len(rows) == 3  # the shared source once per course
    assert datetime.date(2026, 3, 5) in {row["published_on"] for row in rows}


def test_annotated_counts_are_the_orms(courses):
    ids = [course.pk for course in courses]
    expected = with_head_counts(Course.objects.filter(pk__in=ids)).values(
        "id", "enrolment_count", "certificate_count"
    )

    assert sorted(HEAD_COUNTS.rows(ids), key=lambda row: row["id"]) == sorted(
        expected, key=lambda row: row["id"]
    )


@pytest.fixture
def compilations():
    """Each compilation of a PageQuery, as it happens."""
    with mock.patch.object(
        PageQuery, "_compile", autospec=True, side_effect=PageQuery._compile
    ) as compiling:
        yield compiling


def test_one_query_a_page_and_none_for_an_empty_page(
    courses, compilations, django_assert_num_queries
):
    query = PageQuery(CoursePart.objects.order_by("id"), link="course", columns=PART_COLUMNS)

    with django_assert_num_queries(0):
        assert query.rows([]) == []
    with django_assert_num_queries(1):
        query.rows([courses[0].pk])
    with django_assert_num_queries(1):
        query.rows([course.pk for course in courses])

    assert compilations.call_count == 1  # compiled once, run for each page


def test_rows_ordered_by_a_column_they_do_not_show_hold_only_their_columns(courses):
    # Distinct rows put their ordering's columns in the SELECT too, after the shown ones.
    parts = CoursePart.objects.order_by("-title_en", "id").distinct()
    columns = ["id", "course_id"]
    query = PageQuery(parts, link="course_id", columns=columns)
    ids = [course.pk for course in courses]

    assert query.rows(ids) == list(parts.filter(course_id__in=ids).values(*columns))


def test_ids_that_are_not_whole_numbers_go_through_the_orm(courses, compilations):
    query = PageQuery(CoursePart.objects.order_by("id"), link="course", columns=PART_COLUMNS)

    rows = query.rows([str(courses[0].pk)])

    assert [row["course_id"] for row in rows] == [courses[0].pk, courses[0].pk]
    assert compilations.call_count == 0
