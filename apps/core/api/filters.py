import operator
from functools import reduce
from typing import TYPE_CHECKING, Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter

from apps.core.queries import search_term_condition

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class YearFilter(django_filters.NumberFilter):
    """A whole year from 1 to 9999; anything else is a 400.

    An integer field, not a decimal one: "1e309" or "2026.5" must be refused, and year 0
    breaks ``__year`` lookups.
    """

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


NUL_ERROR = "The search text cannot contain NUL characters."


class SafeSearchFilter(SearchFilter):
    """``?search=``, refusing the NUL character that PostgreSQL rejects in text."""

    def get_search_terms(self, request: "Request") -> list[str]:
        if "\x00" in request.query_params.get(self.search_param, ""):
            raise ValidationError({self.search_param: [NUL_ERROR]})
        return super().get_search_terms(request)


class NameSearchFilter(SafeSearchFilter):
    """``?search=`` that also finds names however they are written.

    A view lists the columns holding folded names (``apps.core.names.fold_name``) in
    ``folded_search_fields``; each search term is folded and looked for inside them, besides
    the view's ``search_fields``, which see the term as typed.
    """

    def filter_queryset(self, request: "Request", queryset: QuerySet, view: "APIView") -> QuerySet:
        folded_fields = list(getattr(view, "folded_search_fields", ()))
        if not folded_fields:
            return super().filter_queryset(request, queryset, view)
        terms = self.get_search_terms(request)
        if not terms:
            return queryset
        search_fields = [str(field) for field in self.get_search_fields(view, request) or ()]
        lookups = [self.construct_search(field, queryset) for field in search_fields]
        condition = reduce(
            operator.and_,
            (search_term_condition(term, lookups, folded_fields) for term in terms),
        )
        if not self.must_call_distinct(queryset, [*search_fields, *folded_fields]):
            return queryset.filter(condition)
        # As SearchFilter does: an EXISTS instead of DISTINCT over multi-valued joins.
        return queryset.filter(Exists(queryset.filter(condition, pk=OuterRef("pk"))))


class StableOrderingFilter(OrderingFilter):
    """``?ordering=``, with the id as the last key so that pages never overlap on ties."""

    def get_ordering(
        self, request: "Request", queryset: QuerySet, view: "APIView"
    ) -> list[str] | None:
        ordering = super().get_ordering(request, queryset, view)
        if not ordering:
            return ordering
        ordering = list(ordering)
        if not {"id", "-id", "pk", "-pk"} & set(ordering):
            ordering.append("id")
        return ordering
