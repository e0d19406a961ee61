"""One exception handler for the whole API: every error is JSON, none is a 500 on bad input.

Services raise Django's exceptions and never import DRF; this maps them to 4xx answers.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

PROTECTED_ERROR = _("This record cannot be deleted: other records rest on it ({related}).")
INTEGRITY_ERROR = _("This change conflicts with existing records and was not saved.")
DATA_ERROR = _("A value is out of range or not valid for the database.")
# Django's get_object_or_404 says this in English only, with the class's name.
RECORD_NOT_FOUND = _("No %(record)s matches the given query.")


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = INTEGRITY_ERROR
    default_code = "conflict"


def _protected_summary(error: ProtectedError | RestrictedError) -> str:
    counts: dict[type, int] = {}
    for obj in error.args[1]:
        counts[type(obj)] = counts.get(type(obj), 0) + 1
    labels = [
        f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
        for model, count in counts.items()
    ]
    return ", ".join(sorted(labels, key=lambda label: label.split(" ", 1)[1]))


def _not_found(context: dict[str, Any]) -> exceptions.NotFound:
    queryset = getattr(context.get("view"), "queryset", None)
    if queryset is None:
        return exceptions.NotFound()
    return exceptions.NotFound(RECORD_NOT_FOUND % {"record": queryset.model._meta.verbose_name})


def _as_api_exception(exc: Exception, context: dict[str, Any]) -> Exception:
    if isinstance(exc, Http404):
        return _not_found(context)
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, ProtectedError | RestrictedError):
        return Conflict(PROTECTED_ERROR.format(related=_protected_summary(exc)), code="protected")
    if isinstance(exc, IntegrityError):
        return Conflict()
    if isinstance(exc, DataError | OverflowError):
        return exceptions.ValidationError({"detail": DATA_ERROR}, code="out_of_range")
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, after mapping Django's and the database's exceptions to API errors.

    Errors are always JSON, even where the endpoint answers CSV, PDF or ZIP on success.
    """
    response = drf_exception_handler(_as_api_exception(exc, context), context)
    if response is None:
        return None
    set_rollback()
    request = context.get("request")
    renderer = getattr(request, "accepted_renderer", None)
    # No renderer yet (a 406 from content negotiation) or a binary/CSV one: answer JSON.
    if request is not None and (renderer is None or renderer.format not in {"json", "api"}):
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = JSONRenderer.media_type
    return response
