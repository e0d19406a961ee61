from collections.abc import Iterable

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from apps.core.names import fold_name


def count_subquery(queryset: QuerySet, outer_field: str) -> Coalesce:
    """A correlated ``COUNT`` of ``queryset`` rows per outer row, 0 when there are none.

    Unlike ``Count()`` over a join it neither groups the whole outer table before a page is
    cut nor multiplies with other joins (two Counts over two joins multiply each other).
    ``outer_field`` is the field of ``queryset`` that points at the outer row.
    """
    counted = (
        queryset.filter(**{outer_field: OuterRef("pk")})
        .order_by()
        .values(outer_field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def search_term_condition(term: str, lookups: Iterable[str], folded_fields: Iterable[str]) -> Q:
    """Rows that one search term finds: any of ``lookups`` (e.g. ``serial__icontains``) given
    the term as typed, or any of ``folded_fields`` (columns of ``fold_name`` values)
    containing the term folded, so that "Aliyev", "ALIYEV" and "Алиев" find "Əliyev".
    """
    conditions = [Q(**{lookup: term}) for lookup in lookups]
    folded = fold_name(term)
    if folded:
        # contains, not icontains: folded values are already small letters, and a plain LIKE
        # can use a trigram index where UPPER(...) LIKE cannot.
        conditions += [Q(**{f"{field}__contains": folded}) for field in folded_fields]
    if not conditions:
        return Q(pk__in=[])
    condition = conditions[0]
    for other in conditions[1:]:
        condition |= other
    return condition
