"""Helpers shared by the apps' admin modules: links between records, bilingual fields' order."""

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, lookup_spawns_duplicates
from django.contrib.admin.views.main import ChangeList as DjangoChangeList
from django.core.paginator import Paginator
from django.db import connections, models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, get_script_prefix, get_urlconf, path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from apps.core.queries import search_term_condition


def admin_change_url(obj: models.Model) -> str:
    """The URL of a record's change page in the admin."""
    opts = obj._meta
    return reverse_with_id(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)


def reverse_with_id(name: str, pk: Any) -> str:
    """``reverse(name, args=[pk])``, quicker for a whole number, as a list's rows need.

    A changelist links two or three records a row: reverse() each time was a tenth of its
    time. Such a URL differs only by the id, once the prefix, the URL configuration and the
    language are set, so its pattern is reversed once for them.
    """
    if not isinstance(pk, int):
        return reverse(name, args=[pk])
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _url_pattern(name, get_script_prefix(), urlconf, get_language()).format(pk)


@functools.lru_cache(maxsize=256)
def _url_pattern(name: str, *key: str | None) -> str:
    """A URL with ``{}`` for its one argument, an id; what else it depends on is in ``key``."""
    marker = "0000000000"
    url = reverse(name, args=[marker]).replace("{", "{{").replace("}", "}}")
    start = url.rindex(f"/{marker}/") + 1
    return f"{url[:start]}{{}}{url[start + len(marker) :]}"


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


class ObjectToolsMixin:
    """Buttons above a record's page, and the pages they open, gathered from several mixins.

    Each admin class or mixin that adds some overrides ``get_object_tools`` (links, as
    ``{"label": …, "url": …}``) and ``get_object_urls`` (pages of one record), returning its
    own followed by ``super()``'s: the buttons read in the order the classes are listed. This
    mixin alone puts them on the page (``extra_object_tools`` in the change form template) and
    routes the pages, before the admin's own URLs.
    """

    def get_object_tools(self, request: HttpRequest, obj: models.Model) -> list[dict[str, str]]:
        return []

    def get_object_urls(self) -> list[URLPattern]:
        return []

    def object_path(self, route: str, view: Callable[..., HttpResponse], name: str) -> URLPattern:
        """``<object_id>/<route>`` served by ``view`` to staff, named ``<app>_<model>_<name>``."""
        return path(
            f"<path:object_id>/{route}",
            self.admin_site.admin_view(view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_{name}",
        )

    def get_urls(self) -> list[URLPattern]:
        return [*self.get_object_urls(), *super().get_urls()]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: models.Model | None = None,
    ) -> HttpResponse:
        if obj is not None:
            context["extra_object_tools"] = self.get_object_tools(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


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


def _language_pair(name: object) -> tuple[str, str] | None:
    """("title", "en") for "title_en"; None for a field that is not one of a bilingual pair."""
    if isinstance(name, str):
        for code in ("en", "fr"):
            if name.endswith(f"_{code}"):
                return name[: -len(code) - 1], code
    return None


def _french_first(items: Sequence[Any]) -> list[Any]:
    """The items with each ``x_fr`` moved to where its ``x_en`` was, and ``x_en`` just after it.

    Lines of fields (tuples) are reordered within themselves; an item without its pair
    present stays where it was.
    """
    items = [
        tuple(_french_first(item)) if isinstance(item, list | tuple) else item for item in items
    ]
    french = {pair[0] for item in items if (pair := _language_pair(item)) and pair[1] == "fr"}
    english = {pair[0] for item in items if (pair := _language_pair(item)) and pair[1] == "en"}
    both = french & english
    ordered: list[Any] = []
    for item in items:
        pair = _language_pair(item)
        if pair and pair[0] in both:
            if pair[1] == "en":
                ordered += [f"{pair[0]}_fr", item]
            continue
        ordered.append(item)
    return ordered


def _fieldset_language(fieldset: tuple[Any, dict[str, Any]]) -> tuple[tuple[str, ...], str] | None:
    """The bases and the language of a fieldset holding only one language's fields."""
    names = flatten_fieldsets([fieldset])
    pairs = [_language_pair(name) for name in names]
    codes = {pair[1] for pair in pairs if pair}
    if not names or None in pairs or len(codes) != 1:
        return None
    return tuple(pair[0] for pair in pairs if pair), codes.pop()


def french_first_fieldsets(fieldsets: Sequence[Any]) -> list[Any]:
    """Fieldsets with French fields first: within each line, and a French-only fieldset
    ("Français") swapped with its English twin ("English")."""
    result = [
        (title, {**options, "fields": _french_first(options.get("fields", ()))})
        for title, options in fieldsets
    ]
    languages = [_fieldset_language(fieldset) for fieldset in result]
    for index, language in enumerate(languages):
        if language and language[1] == "en" and (language[0], "fr") in languages:
            twin = languages.index((language[0], "fr"))
            if twin > index:
                result[index], result[twin] = result[twin], result[index]
                languages[index], languages[twin] = languages[twin], languages[index]
    return result


def french_is_active() -> bool:
    return (get_language() or "").split("-")[0] == "fr"


class BilingualAdminMixin:
    """An admin (or inline) that shows the active language's field of each pair first.

    Models keep both languages in pairs of fields (``title_en``, ``title_fr``). In French,
    each ``x_fr`` comes before its ``x_en`` in the form's fieldsets and lines, a
    French-only fieldset before its English twin, and the changelist shows ``x_fr`` before
    each ``x_en`` column. English pages are as declared.
    """

    def get_fieldsets(self, request: HttpRequest, obj: models.Model | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)  # type: ignore[misc]
        return french_first_fieldsets(fieldsets) if french_is_active() else fieldsets

    def get_list_display(self, request: HttpRequest) -> Any:
        list_display = super().get_list_display(request)  # type: ignore[misc]
        if not french_is_active():
            return list_display
        model_fields = {field.name for field in self.model._meta.get_fields()}  # type: ignore[attr-defined]
        columns: list[Any] = []
        for column in list_display:
            pair = _language_pair(column)
            if pair and pair[1] == "en" and f"{pair[0]}_fr" in model_fields:
                columns.append(f"{pair[0]}_fr")
            columns.append(column)
        return columns

    def get_list_display_links(self, request: HttpRequest, list_display: Sequence[Any]) -> Any:
        links = super().get_list_display_links(request, list_display)  # type: ignore[misc]
        if links and french_is_active():
            # The French column leads the row, linking to the record as the English one did.
            return [
                *(
                    f"{pair[0]}_fr"
                    for link in links
                    if (pair := _language_pair(link)) and pair[1] == "en"
                ),
                *links,
            ]
        return links


class ChangeList(DjangoChangeList):
    """Django's changelist, linking each row to its record by ``reverse_with_id``."""

    def url_for_result(self, result: models.Model) -> str:
        pk = getattr(result, self.pk_attname)
        if self.model_admin.admin_site.name != admin.site.name:
            return super().url_for_result(result)
        return reverse_with_id(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", pk)


class LongChangelistMixin:
    """What a changelist of 100,000 records writes for each of its rows without Django's
    per-row costs, in the same HTML: the selection checkbox directly, not through a form
    widget, and the row's link by ``ChangeList``.

    Django renders each row's checkbox through the form templates: at 100 rows a page, that
    was about a third of a changelist's time; reversing each row's link, a tenth.
    """

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[DjangoChangeList]:
        return ChangeList

    def action_checkbox(self, obj: models.Model) -> SafeString:
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            # Django's own words, translated by Django's catalogue.
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )
