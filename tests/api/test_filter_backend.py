"""Lists skip django-filter when no filter is asked for, and give the same answer.

``FilterBackend`` leaves a list's queryset as it is when no query parameter can be one of
its filterset's; these tests check, for every list of the API, that the filterset given
such a query would not have changed the queryset either, and that a filter asked for is
still applied.
"""

import pytest
from django.http import QueryDict
from rest_framework.test import APIRequestFactory
from rest_framework.viewsets import GenericViewSet

from apps.core.api.filters import FilterBackend, asks_for_a_filter
from apps.courses.api.filters import CourseFilterSet
from apps.people.api.filters import PersonFilterSet
from apps.people.services import person_merge
from apps.sources.api.filters import SourceFilterSet
from tests.factories import CourseFactory, PersonFactory
from trainingdb.urls import API_URLCONFS

pytestmark = pytest.mark.django_db

NO_FILTER = "page=2&page_size=10&search=&ordering=-id&format=json&lang=fr&cursor="


def list_viewsets() -> list[tuple[str, type[GenericViewSet]]]:
    return [
        (prefix, viewset)
        for urlconf in API_URLCONFS
        for prefix, viewset, _basename in urlconf.router.registry
        if getattr(viewset, "filterset_class", None) is not None
    ]


def test_paging_searching_and_ordering_ask_for_no_filter():
    assert not asks_for_a_filter(CourseFilterSet, QueryDict(NO_FILTER))


@pytest.mark.parametrize(
    "query",
    ["country=AZ", "country=", "year=2026", "start_after=2026-01-01", "status[]=planned"],
)
def test_a_parameter_named_by_a_filter_asks_for_it(query):
    assert asks_for_a_filter(CourseFilterSet, QueryDict(query))


def test_a_parameter_that_begins_with_a_filters_name_counts_as_one():
    """A widget of several values reads ``name_after``, ``name_min``, ``name[]``."""
    name = next(iter(SourceFilterSet.base_filters))
    assert asks_for_a_filter(SourceFilterSet, QueryDict(f"{name}_after=1"))


def test_a_filterset_that_filters_an_empty_query_always_runs():
    """The people's list shows current people when no filter is given."""
    assert asks_for_a_filter(PersonFilterSet, QueryDict(""))


@pytest.mark.parametrize(("prefix", "viewset"), list_viewsets(), ids=lambda value: str(value))
def test_a_skipped_filterset_would_have_left_the_list_unchanged(prefix, viewset, superuser):
    request = APIRequestFactory().get(f"/api/v1/{prefix}/?{NO_FILTER}")
    request.user = superuser
    view = viewset(action="list", action_map={"get": "list"}, format_kwarg=None, kwargs={}, args=())
    view.request = view.initialize_request(request)
    view.request.user = superuser
    queryset = view.get_queryset()
    filterset_class = FilterBackend().get_filterset_class(view, queryset)
    query = view.request.query_params

    if filterset_class is PersonFilterSet:  # it narrows to current people: never skipped
        assert asks_for_a_filter(filterset_class, query)
    else:
        assert not asks_for_a_filter(filterset_class, query)
        filterset = filterset_class(data=query, queryset=queryset, request=view.request)
        assert filterset.is_valid()
        assert str(filterset.qs.query) == str(queryset.query)


def test_a_list_without_filters_asked_is_the_whole_list(client):
    CourseFactory.create_batch(3)
    body = client.get("/api/v1/courses/?page_size=10&ordering=-id").json()
    assert body["count"] == 3


def test_a_filter_asked_for_is_applied(client):
    CourseFactory(country="AZ")
    CourseFactory(country="GE")
    body = client.get("/api/v1/courses/?country=AZ").json()
    assert [course["country"] for course in body["results"]] == ["AZ"]


def test_merged_people_stay_hidden_when_no_filter_is_asked_for(api_client, superuser):
    kept, merged = PersonFactory(), PersonFactory()
    person_merge(person=merged, into=kept, user=superuser)
    api_client.force_authenticate(superuser)
    body = api_client.get("/api/v1/people/?page_size=10").json()
    assert [person["id"] for person in body["results"]] == [kept.pk]
