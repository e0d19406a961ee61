"""Helpers shared by the apps' admin modules: links from one record to another."""

from collections.abc import Iterable

from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _


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
