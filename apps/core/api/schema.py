"""OpenAPI: document the error answers the API really gives, not only the successes.

drf-spectacular documents no error responses by itself; this adds them to every operation
from what the view does (its permissions, method and path).
"""

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import RegexValidator
from django.db.models import CharField, TextField
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import (
    ResolvedComponent,
    build_basic_type,
    build_bearer_security_scheme_object,
)
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, AllowAny

from apps.core.api.permissions import PublicReadModelPermissions
from apps.core.api.renderers import offered_renderers

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong."}},
    "required": ["detail"],
}
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "Messages per field (the field's name as key); messages not about one field are under "
        "`non_field_errors` or `detail`."
    ),
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "string"},
            {"type": "object"},
        ]
    },
}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        error = self._component("Error", ERROR_SCHEMA)
        validation_error = self._component("ValidationError", VALIDATION_ERROR_SCHEMA)
        if self._is_public_read():
            operation.setdefault("security", []).append({})
        responses = operation.setdefault("responses", {})
        for code, description, schema in self._error_responses(error, validation_error):
            responses.setdefault(
                code,
                {
                    "description": description,
                    "content": {"application/json": {"schema": schema}},
                },
            )
        return operation

    def map_renderers(self, attribute: str) -> list[Any]:
        """The formats and media types the operation offers: CSV on lists only."""
        offered = offered_renderers(self.view, self.view.get_renderers())
        found = super().map_renderers(attribute)
        return [
            value
            for value in found
            if any(getattr(r, attribute, "").split(";")[0] == value for r in offered)
        ]

    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        """A serializer that refuses keys it does not know says so in its request schema."""
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and getattr(serializer, "refuses_unknown_fields", False):
            schema["additionalProperties"] = False
        return schema

    def _map_serializer_field(
        self, field: Any, direction: str, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if field.read_only and _stores_blank(field):
            return _allowing_blank(schema)
        if direction == "request" and schema is not None and "pattern" not in schema:
            pattern = _model_field_pattern(field)
            if pattern is not None:
                schema = {**schema, "pattern": pattern}
            elif isinstance(field, serializers.URLField):
                schema = _with_pattern(schema, WEB_ADDRESS_PATTERN)
        return schema

    def get_tags(self) -> list[str]:
        """One tag per resource: the first segment of the path after /api/v1/."""
        segments = [part for part in self.path.split("/") if part]
        if len(segments) > 2 and segments[:2] == ["api", "v1"]:
            return [segments[2]]
        return super().get_tags()

    def _is_public_read(self) -> bool:
        return self.method in SAFE_METHODS and any(
            isinstance(permission, PublicReadModelPermissions)
            for permission in self.view.get_permissions()
        )

    def _has_personal_filters(self) -> bool:
        """A public list with filters that need permissions (``PersonalFilterMixin``)."""
        filterset_class = getattr(self.view, "filterset_class", None)
        return self._is_list_view() and bool(getattr(filterset_class, "personal_filters", None))

    def _is_open_to_all(self) -> bool:
        """No permission can refuse: every permission class is ``AllowAny``."""
        return all(isinstance(p, AllowAny) for p in self.view.get_permissions())

    def _component(self, name: str, schema: dict[str, Any]) -> dict[str, str]:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema
        )
        self.registry.register_on_missing(component)
        return component.ref

    def _error_responses(
        self, error: dict[str, str], validation_error: dict[str, str]
    ) -> list[tuple[str, str, dict[str, str]]]:
        safe = self.method in SAFE_METHODS
        public_read = self._is_public_read()
        found = []
        if not safe or self._is_list_view():
            found.append(("400", "Invalid input, filter or page size.", validation_error))
        if self.view.authentication_classes:  # a view that reads no credentials never says 401
            found.append(("401", "Not authenticated, or the token is invalid.", error))
        if (not public_read or self._has_personal_filters()) and not self._is_open_to_all():
            found.append(("403", "The user lacks the permission this needs.", error))
        if "{" in self.path:
            not_found = getattr(self.view, "not_found_description", "No such record.")
            found.append(("404", not_found, error))
        elif self._is_list_view() and getattr(self.view, "pagination_class", None):
            found.append(("404", "No such page: the list has fewer pages.", error))
        else:
            found.append(("404", "No such format: ?format= names one this does not offer.", error))
        if not safe and getattr(self.view, "may_conflict", True):
            found.append(("409", "The change conflicts with records that rest on it.", error))
        if getattr(self.view, "throttle_classes", None) or getattr(self.view, "locks_out", False):
            found.append(("429", "Too many requests; retry after the time given.", error))
        return found


# Restrictions a blank string breaks: a choice, a format (uri), a pattern, a minimum length.
_BLANK_BREAKING_KEYS = {"$ref", "allOf", "enum", "format", "pattern", "minLength"}
_ANNOTATION_KEYS = ("readOnly", "description", "title", "nullable")


def _stores_blank(field: Any) -> bool:
    """A read-only field of a model serializer whose model column may hold "".

    DRF drops ``allow_blank`` from read-only model fields (summaries declare all fields
    read-only), so drf-spectacular would document "" as impossible.
    """
    model_field = _model_field(field)
    return isinstance(model_field, CharField | TextField) and model_field.blank


def _model_field_pattern(field: Any) -> str | None:
    """The pattern a model field's ``RegexValidator`` holds the value to, "" allowed if blank.

    Serializers leave such validators to the model (``full_clean()`` answers with the model's
    own message), so drf-spectacular does not see them.
    """
    model_field = _model_field(field)
    patterns = [
        validator.regex.pattern
        for validator in getattr(model_field, "validators", ())
        if isinstance(validator, RegexValidator) and not validator.inverse_match
    ]
    if len(patterns) != 1 or patterns[0][:1] != "^" or patterns[0][-1:] != "$":
        return None
    if model_field.blank:
        return f"^(?:{patterns[0][1:-1]})?$"
    return patterns[0]


def _model_field(field: Any) -> Any:
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or "." in field.source or field.source == "*":
        return None
    try:
        return model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None


# Web addresses that Django's URLValidator accepts, as far as a pattern can say it simply: http
# or https, a host name with a top-level domain, an optional port, path and query. A "uri"
# format alone allows "a:b", which the validator refuses. Host names are bounded (up to four
# labels of 48 characters and a top-level domain of 24) so that they stay within the 253
# characters the validator allows; real addresses are far shorter.
WEB_ADDRESS_PATTERN = (
    r"^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,46}[A-Za-z0-9])?\.){1,4}[A-Za-z]{2,24}"
    r"(?::[0-9]{1,5})?"
    r"(?:/(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*)?"
    r"(?:\?(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$"
)


def _with_pattern(schema: dict[str, Any], pattern: str) -> dict[str, Any]:
    """The schema with a pattern on its text; a blank alternative ("") stays as it is."""
    if "oneOf" in schema:
        return {**schema, "oneOf": [_with_pattern(item, pattern) for item in schema["oneOf"]]}
    if schema.get("type") != "string" or schema.get("maxLength") == 0:
        return schema
    return {**schema, "pattern": pattern}


# No text the API stores or looks up may hold a NUL character (PostgreSQL cannot store one).
NO_NUL_PATTERN = "^[^\\x00]*$"


def forbid_nul_in_request_text(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: request text and text parameters say that NUL is refused."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            for schema in component.get("properties", {}).values():
                _forbid_nul(schema)
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                _forbid_nul(parameter.get("schema", {}))
                _forbid_nul(parameter.get("schema", {}).get("items", {}))
    return result


def _forbid_nul(schema: dict[str, Any]) -> None:
    if schema.get("type") == "string" and not {"enum", "format", "pattern"} & set(schema):
        schema["pattern"] = NO_NUL_PATTERN


def _allowing_blank(schema: dict[str, Any]) -> dict[str, Any]:
    if not _BLANK_BREAKING_KEYS & set(schema) or "oneOf" in schema:
        return schema
    schema = dict(schema)
    annotations = {key: schema.pop(key) for key in _ANNOTATION_KEYS if key in schema}
    if list(schema) == ["allOf"] and len(schema["allOf"]) == 1:
        schema = schema["allOf"][0]
    return {"oneOf": [schema, {"type": "string", "enum": [""]}], **annotations}


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    """Our token authentication, documented as DRF's was: ``Authorization: Token <key>``."""

    target_class = "apps.core.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )


class SessionAuthenticationScheme(SessionScheme):
    """Our session authentication (second factor for staff), documented as DRF's: a cookie."""

    target_class = "apps.core.api.authentication.SessionAuthentication"
    priority = 0


class SummaryRelatedFieldExtension(OpenApiSerializerFieldExtension):
    """A ``SummaryRelatedField`` is an integer id in requests, a summary object in answers."""

    target_class = "apps.core.api.relations.SummaryRelatedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: AutoSchema, direction: str) -> dict[str, Any]:
        if direction == "request":
            return {**build_basic_type(OpenApiTypes.INT), "minimum": 1}
        component = auto_schema.resolve_serializer(self.target.summary_serializer, direction)
        return component.ref


class BoundedFilterExtension(DjangoFilterExtension):
    """django-filter's query parameters, with the bounds of whole-number filters.

    Every single-valued filter also allows an empty value, which django-filter ignores.

    drf-spectacular documents a ``NumberFilter`` as any number (or by its method's type
    hint); ours read whole numbers within ``min_value`` and ``max_value`` and refuse the
    rest, so the schema says so (years from 1 to 9999, record ids from 1).
    """

    priority = 1

    def resolve_filter_field(
        self,
        auto_schema: AutoSchema,
        model: Any,
        filterset_class: Any,
        field_name: str,
        filter_field: Any,
    ) -> list[dict[str, Any]]:
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            # django-filter reads an empty value as no filter at all: "?start_before=" is
            # the whole list, not a malformed date.
            if parameter["schema"].get("type") != "array":
                parameter["allowEmptyValue"] = True
        if not isinstance(filter_field, django_filters.NumberFilter) or not issubclass(
            filter_field.field_class, forms.IntegerField
        ):
            return parameters
        bounds = {
            key: filter_field.extra[option]
            for key, option in (("minimum", "min_value"), ("maximum", "max_value"))
            if filter_field.extra.get(option) is not None
        }
        for parameter in parameters:
            parameter["schema"] = {**parameter["schema"], "type": "integer", **bounds}
        return parameters
