from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_info

from apps.core.middleware import LANGUAGE_PARAMETER

register = template.Library()


def page_without_language(request: HttpRequest) -> str:
    """The page's address without ``?lang=``, which would override the language chosen."""
    query = request.GET.copy()
    query.pop(LANGUAGE_PARAMETER, None)
    return f"{request.path}?{query.urlencode()}" if query else request.path


@register.inclusion_tag("core/language_switch.html", takes_context=True)
def language_switch(context: dict[str, Any]) -> dict[str, Any]:
    """A form per the offered languages, each named in its own language (English / Français).

    It posts to Django's ``set_language``, which remembers the choice in a cookie.
    """
    request = context.get("request")
    active = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return {
        "csrf_token": context.get("csrf_token"),
        "next": page_without_language(request) if request is not None else "",
        "languages": [
            {"code": code, "name": get_language_info(code)["name_local"].capitalize()}
            for code, _name in settings.LANGUAGES
        ],
        "active": active,
    }


@register.inclusion_tag("core/language_links.html", takes_context=True)
def language_links(context: dict[str, Any]) -> dict[str, Any]:
    """Links to this page in each offered language (``?lang=``), for the public pages.

    Links rather than the admin's form: a public page carries no CSRF token, so that it is
    the same for every visitor (an unknown code's page is one answer whatever the code).
    """
    active = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return {
        "languages": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"].capitalize(),
                # Relative: this page, whatever its address (the public pages take no query).
                "url": f"?{LANGUAGE_PARAMETER}={code}",
            }
            for code, _name in settings.LANGUAGES
        ],
        "active": active,
    }
