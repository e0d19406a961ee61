from typing import TYPE_CHECKING, Any

import django_filters
from django import forms
from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter

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

    def filter_queryset(self, request: "Request", queryset: QuerySet, view: "APIView") -> QuerySet:
        if "\x00" in request.query_params.get(self.search_param, ""):
            raise ValidationError({self.search_param: [NUL_ERROR]})
        return super().filter_queryset(request, queryset, view)


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
