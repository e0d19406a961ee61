from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class QueryLanguageMiddleware:
    """``?lang=en|fr`` chooses the language of a request, over ``Accept-Language``.

    Runs after ``LocaleMiddleware``; an unknown code is ignored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = request.GET.get("lang", "").lower()
        if code in self.codes:
            translation.activate(code)
            request.LANGUAGE_CODE = code
        response = self.get_response(request)
        if code in self.codes:
            response.headers.setdefault("Content-Language", code)
        return response
