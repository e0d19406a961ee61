from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

LANGUAGE_PARAMETER = "lang"


class QueryLanguageMiddleware:
    """``?lang=en|fr`` chooses the language of a request, over the cookie and Accept-Language.

    Runs after ``LocaleMiddleware``; an unknown code is ignored, and the parameter is taken
    out of ``request.GET`` for the views. The language may come from
    the language cookie (the admin's switch), so every answer varies on the cookie as
    ``LocaleMiddleware`` makes it vary on ``Accept-Language``: a shared cache never gives one
    visitor's language to another. The query string is part of the cached address already.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = request.GET.get(LANGUAGE_PARAMETER, "").lower()
        if LANGUAGE_PARAMETER in request.GET:
            # Read here only: the admin's changelist takes any parameter it does not know
            # for a filter, and refused ?lang= as an invalid one.
            query = request.GET.copy()
            del query[LANGUAGE_PARAMETER]
            query._mutable = False
            request.GET = query
        if code in self.codes:
            translation.activate(code)
            request.LANGUAGE_CODE = code
        response = self.get_response(request)
        if code in self.codes:
            response.headers["Content-Language"] = code
        patch_vary_headers(response, ("Cookie",))
        return response
