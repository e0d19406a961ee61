"""Helpers shared by the apps' admin modules: links from one record to another."""

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.paginator import Paginator
from django.db import connections, models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.queries import search_term_condition


def admin_change_url(obj: models.Model) -> str:
    """The URL of a record's change page in the admin."""
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def admin_link(obj: models.Model | None) -> SafeString | None:
    """An HTML link to a record's change page; None (shown as the empty value) without a record."""
    if obj is None:
        return None
    return format_html('<a href="{}">{}</a>', admin_change_url(obj), obj)


def admin_links(objs: Iterable[models.Model], separator: str = " → ") -> SafeString:
    """Links to several records' change pages, in order, joined by ``separator``."""
    return format_html_join(
        separator, '<a href="{}">{}</a>', ((admin_change_url(obj), obj) for obj in objs)
    )


# When a record was created and last changed (TimeStampedModel), folded away at the bottom.
RECORD_FIELDSET = (
    _("Record"),
    {"fields": (("created_at", "updated_at"),), "classes": ("collapse",)},
)

# A web address typed without a scheme is read as https (Django 6's default, chosen now).
HTTPS_URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class NameSearchMixin:
    """Admin search that also finds names however they are written.

    ``folded_search_fields`` lists columns holding folded names (``apps.core.names.fold_name``):
    each search word is folded and looked for inside them, besides the ``search_fields``,
    which see it as typed (with the admin's ``^``, ``=`` and ``@`` prefixes).
    """

    folded_search_fields: tuple[str, ...] = ()
    _search_prefixes = {"^": "istartswith", "=": "iexact", "@": "search"}

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        if not self.folded_search_fields or not search_term:
            return super().get_search_results(request, queryset, search_term)
        lookups = []
        for field in self.get_search_fields(request):
            lookup = self._search_prefixes.get(field[0])
            lookups.append(f"{field[1:]}__{lookup}" if lookup else f"{field}__icontains")
        for word in smart_split(search_term):
            if word.startswith(('"', "'")) and word[0] == word[-1]:
                word = unescape_string_literal(word)
            queryset = queryset.filter(
                search_term_condition(word, lookups, self.folded_search_fields)
            )
        may_have_duplicates = any(
            lookup_spawns_duplicates(self.opts, path)
            for path in [*lookups, *self.folded_search_fields]
        )
        return queryset, may_have_duplicates


class EstimatedCountPaginator(Paginator):
    """A changelist's pages, counting a whole large table from PostgreSQL's statistics.

    ``COUNT(*)`` reads every row: on 100,000 people it costs more than the page itself. An
    unfiltered changelist of a table that PostgreSQL estimates at ``estimate_from`` rows or
    more shows the estimate instead (``pg_class.reltuples``, kept by autovacuum), so the last
    page link may be a page early or late. A filtered or searched changelist, a small table,
    a table never analysed and SQLite are counted exactly.
    """

    estimate_from = 50_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if isinstance(queryset, QuerySet) and not queryset.query.where:
            estimate = estimated_rows(queryset)
            if estimate is not None and estimate >= self.estimate_from:
                return estimate
        return super().count


def estimated_rows(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the rows in the queryset's table; None elsewhere or unknown."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        found = cursor.fetchone()
    # -1: never analysed (PostgreSQL 14 and later); 0 may mean the same before.
    return found[0] if found and found[0] > 0 else None


class LatestRelatedListFilter(admin.RelatedFieldListFilter):
    """A filter by a related record that lists only the latest of them, and the one chosen.

    Listing every course beside enrolments or certificates made the changelist's page
    600 KB and took 300 ms of its 400 at 5,500 courses. The filter lists the ``limit``
    first in the related model's own order (the latest courses); any other is reached by
    searching, or by a link that sets the same parameter (``?course__id__exact=``).
    """

    limit = 30

    def field_choices(
        self, field: models.Field, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[Any, str]]:
        related = field.remote_field.model._default_manager.all()
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            related = related.order_by(*ordering)
        latest = list(related[: self.limit])
        chosen = str(self.lookup_val[0]) if self.lookup_val else None
        if chosen and chosen.isdigit() and all(str(record.pk) != chosen for record in latest):
            latest += list(related.filter(pk=chosen))
        return [(record.pk, str(record)) for record in latest]


class ActionCheckboxMixin:
    """A changelist's selection checkbox written directly, not through a form widget.

    Django renders each row's checkbox through the form templates: at 100 rows a page, that
    was about a third of a changelist's time. The HTML is the same as Django's.
    """

    def action_checkbox(self, obj: models.Model) -> SafeString:
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            # Django's own words, translated by Django's catalogue.
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )
