import operator
import re
from functools import reduce
from typing import TYPE_CHECKING, Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError as FormValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter

from apps.core.queries import search_term_condition

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


# The largest id a BigAutoField gives, on SQLite and PostgreSQL alike.
MAX_RECORD_ID = 2**63 - 1
# Digits only: Django's and DRF's integer fields both read "12.0" as 12, which the schema
# (type integer) does not allow.
WHOLE_NUMBER = re.compile(r"\s*[+-]?\d+\s*")


def is_whole_number_text(value: object) -> bool:
    """Whether a query-string value is written as a whole number (not "12.0", not "1e3")."""
    return not isinstance(value, str) or WHOLE_NUMBER.fullmatch(value) is not None


class WholeNumberField(forms.IntegerField):
    """An integer written with digits only."""

    def to_python(self, value: Any) -> int | None:
        if value not in self.empty_values and not is_whole_number_text(value):
            raise FormValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class WholeNumberFilter(django_filters.NumberFilter):
    """A whole number between ``min_value`` and ``max_value``; anything else is a 400.

    An integer field, not a decimal one: "1e309" or "2026.5" must be refused. The schema
    documents the filter as an integer with these bounds (``apps.core.api.schema``).
    """

    field_class = WholeNumberField


class YearFilter(WholeNumberFilter):
    """A whole year from 1 to 9999: year 0 breaks ``__year`` lookups."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 9999)
        super().__init__(*args, **kwargs)


class RecordIdFilter(WholeNumberFilter):
    """Records related to the record with this id (``?parent=3``, ``?course=12``).

    An id that matches no record gives an empty list, as a slug does: django-filter's
    ``ModelChoiceFilter`` answers 400 instead, which the schema (any id) cannot say. Only
    what cannot be an id (not a whole number, below 1, above the largest id) is a 400.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_RECORD_ID)
        super().__init__(*args, **kwargs)


PERSONAL_FILTER_ERROR = _("Filtering by {name} needs the permission to view {what}.")


class PersonalFilterMixin:
    """Filters on personal data, honoured only for users allowed to see that data.

    Anyone else who uses one gets a 401 (not logged in) or a 403, whatever the value, so
    that an anonymous client can neither list a person's courses nor probe which ids exist.
    ``personal_filters`` maps a filter's name to (the permissions it needs, what they allow
    to view). The schema documents the 403 on lists that have such filters.
    """

    personal_filters: dict[str, tuple[tuple[str, ...], str]] = {}

    def is_valid(self) -> bool:
        user = getattr(self.request, "user", None)
        for name, (permissions, what) in self.personal_filters.items():
            if not self.data.get(name) or (user is not None and user.has_perms(permissions)):
                continue
            message = PERSONAL_FILTER_ERROR.format(name=name, what=what)
            if user is None or not user.is_authenticated:
                raise NotAuthenticated(message)
            raise PermissionDenied(message)
        return super().is_valid()


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, which leaves the list as it is when no filter is asked for.

    A filterset without data still builds its form, cleans every field and filters the list
    by each empty value: about a millisecond a request on the courses' list, where the
    plain read path takes a few. Skipped only when no query parameter can be one of the
    filterset's (a widget of several values reads ``name_min``, ``name_after``, ``name[]``:
    any parameter that begins with a filter's name counts), and only for a filterset that
    does nothing more with an empty query than django-filter does: one that overrides
    ``filter_queryset`` or ``qs`` (the people's list shows current people by default) is
    always run.
    """

    def filter_queryset(self, request: "Request", queryset: QuerySet, view: "APIView") -> QuerySet:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        if not asks_for_a_filter(filterset_class, request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


def asks_for_a_filter(filterset_class: type[django_filters.FilterSet], query: Any) -> bool:
    """Whether ``query`` may hold a value for one of the filterset's filters (or the
    filterset must run whatever the query holds)."""
    if (
        filterset_class.filter_queryset is not django_filters.FilterSet.filter_queryset
        or filterset_class.qs is not django_filters.FilterSet.qs
    ):
        return True
    names = tuple(filterset_class.base_filters)
    return any(parameter.startswith(names) for parameter in query)


NUL_ERROR = _("The search text cannot contain NUL characters.")


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


ORDERING_ERROR = _("Cannot order by {unknown}. Order by one or more of: {allowed}.")


class StableOrderingFilter(OrderingFilter):
    """``?ordering=``, with the id as the last key so that pages never overlap on ties.

    A field the list cannot be ordered by is refused (400), not silently ignored as DRF does:
    a client that misspells one would otherwise page through a differently ordered list.
    """

    def get_ordering(
        self, request: "Request", queryset: QuerySet, view: "APIView"
    ) -> list[str] | None:
        given = request.query_params.get(self.ordering_param, "")
        terms = [term.strip() for term in given.split(",") if term.strip()]
        if terms:
            allowed = {name for name, _label in self.get_valid_fields(queryset, view, {})}
            unknown = [term for term in terms if term.lstrip("-") not in allowed]
            if unknown:
                message = ORDERING_ERROR.format(
                    unknown=", ".join(unknown), allowed=", ".join(sorted(allowed))
                )
                raise ValidationError({self.ordering_param: [message]})
        ordering = super().get_ordering(request, queryset, view)
        if not ordering:
            return ordering
        ordering = list(ordering)
        if not {"id", "-id", "pk", "-pk"} & set(ordering):
            ordering.append("id")
        return ordering

    def get_valid_fields(
        self, queryset: QuerySet, view: "APIView", context: dict[str, Any] | None = None
    ) -> list[tuple[str, str]]:
        """The view's ordering fields, and the id, the tie-breaker of every list."""
        fields = super().get_valid_fields(queryset, view, context or {})
        if "id" not in {name for name, _label in fields}:
            fields.append(("id", "id"))
        return fields

    def get_schema_operation_parameters(self, view: "APIView") -> list[dict[str, Any]]:
        """The fields as a comma-separated list of names, each optionally prefixed "-"."""
        parameters = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None)
        if not isinstance(fields, list | tuple):
            return parameters
        names = [prefix + field for field in dict.fromkeys([*fields, "id"]) for prefix in ("", "-")]
        for parameter in parameters:
            parameter.update(
                schema={"type": "array", "items": {"type": "string", "enum": names}},
                description=(
                    "Fields to order by, separated by commas; a leading '-' orders "
                    "descending. Any other name is refused (400)."
                ),
                style="form",
                explode=False,
                allowEmptyValue=True,
            )
        return parameters
