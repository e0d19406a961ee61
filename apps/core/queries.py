from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


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
