from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def column_name(english: str, french: str) -> SafeString:
    """A column's two accepted names, the reader's language first, each marked with its own.

    A file may name its columns in either language, so the page shows both; marking each
    name's language keeps screen readers (and the French pages' English check) right.
    """
    names = [("en", english), ("fr", french)]
    if (get_language() or "").split("-")[0] == "fr":
        names.reverse()
    return format_html(
        '<span lang="{}">{}</span> / <span lang="{}">{}</span>',
        names[0][0],
        names[0][1],
        names[1][0],
        names[1][1],
    )
