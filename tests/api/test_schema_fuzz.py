"""Every operation of the served schema, fuzzed: each answer is what the schema says.

Schemathesis reads the OpenAPI schema the app serves and calls the app in-process (WSGI),
anonymous and as a superuser with a token. ``case.call_and_validate()`` runs all of its
checks, which Schemathesis 4 enables by default: no 500, documented status codes, content
types and headers, bodies that match the response schema, invalid input refused, valid
input accepted, declared security enforced. Bounded and derandomised, so a pass takes the
same time and finds the same things on every run.
"""

from functools import cache

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from django.db.models import Model
from django.urls import resolve
from hypothesis import HealthCheck, Phase, settings
from rest_framework.relations import ManyRelatedField, RelatedField
from schemathesis.core.parameters import ParameterLocation

from tests.api.fuzz_rules import LOGIN_PASSWORD, LOGIN_USERNAME, keep_rules
from tests.factories import (
    CertificateFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    SourceFactory,
    UserFactory,
    api_token_for,
)
from trainingdb.urls import API_URLCONFS
from trainingdb.wsgi import application

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)

# Examples from the schema and Schemathesis' coverage cases run first (Hypothesis' explicit
# phase), then a few generated ones per operation. No shrinking or targeting: a failure is
# reported as found, which keeps a pass within a few minutes per database.
FUZZ_SETTINGS = settings(
    max_examples=6,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _models_by_resource() -> dict[str, type]:
    """Each router prefix under /api/v1/ and the model its records are (reports have none)."""
    return {
        prefix: viewset.queryset.model
        for urlconf in API_URLCONFS
        for prefix, viewset, _basename in urlconf.router.registry
        if getattr(viewset, "queryset", None) is not None
    }


MODELS = _models_by_resource()


@pytest.fixture
def in_process_app(settings):
    """The WSGI app called directly, inside the test's transaction.

    Django closes "old" connections when a request starts and ends, which inside a test's
    transaction would drop it; its test client avoids that the same way.
    """
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def existing_ids(seed, in_process_app) -> dict[type[Model], list[int]]:
    """The seed plus records of every kind; the ids of each model's records."""
    CertificateFactory()
    UserFactory(username=LOGIN_USERNAME, password=LOGIN_PASSWORD)
    CourseTrainerFactory()
    SourceFactory()
    EnrolmentFactory()
    models = {*MODELS.values(), *(m for refs in _all_reference_models() for m in refs)}
    return {
        model: list(model.objects.order_by("pk").values_list("pk", flat=True)) for model in models
    }


def _all_reference_models() -> list[set[type[Model]]]:
    return [
        set(_reference_fields(op.path, op.method, _sample_path(op.path)).values())
        for op in (result.ok() for result in schema.get_all_operations())
    ]


def _sample_path(template: str) -> str:
    return template.replace("{id}", "1").replace("{code}", "x")


@cache
def _reference_fields(template: str, method: str, path: str) -> dict[str, type[Model]]:
    """The body fields of an operation that name other records, and those records' model."""
    match = resolve(path)
    actions = getattr(match.func, "actions", None)
    view_class = getattr(match.func, "cls", None)
    if view_class is None or not hasattr(view_class, "get_serializer_class"):
        return {}
    if actions is not None and method.lower() not in actions:
        return {}
    view = view_class(**match.func.initkwargs)
    view.action = actions[method.lower()] if actions else None
    view.kwargs = match.kwargs
    try:
        serializer = view.get_serializer_class()()
    except (AssertionError, AttributeError):
        return {}
    references = {}
    for name, field in serializer.fields.items():
        related = field.child_relation if isinstance(field, ManyRelatedField) else field
        queryset = getattr(related, "queryset", None)
        if isinstance(related, RelatedField) and not field.read_only and queryset is not None:
            references[name] = queryset.model
    return references


def _on_existing_records(case, existing_ids: dict[type[Model], list[int]]) -> None:
    """Point generated ids at records that exist, where the record's existence matters.

    Most ids in paths (random ids are all 404, which the schema documents), and every id
    that a schema-valid body names: a schema cannot say which records exist, and a body
    naming one that does not is refused (400, pinned by the resources' own tests).
    """
    generated = (case.path_parameters or {}).get("id")
    # The resource named just before the id: /courses/{id}/… and /reports/courses/{id}/….
    segments = case.path.split("/")
    model = MODELS.get(segments[segments.index("{id}") - 1]) if "{id}" in segments else None
    existing = existing_ids.get(model, [])
    if existing and isinstance(generated, int) and generated % 4:
        case.path_parameters["id"] = existing[generated % len(existing)]
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if not isinstance(case.body, dict) or not positive:
        return
    references = _reference_fields(case.path, case.method, case.formatted_path)
    for name, model in references.items():
        ids, value = existing_ids[model], case.body.get(name)
        if not ids:
            continue
        if isinstance(value, int):
            case.body[name] = ids[value % len(ids)]
        elif isinstance(value, list):
            case.body[name] = list(dict.fromkeys(ids[v % len(ids)] for v in value))


def _call_and_validate(case, existing_ids, headers=None):
    """Call the operation; Schemathesis raises on any failed check (status, type, body …)."""
    _on_existing_records(case, existing_ids)
    keep_rules(case)
    # A case generated without valid credentials (a negative header) is sent as generated:
    # adding the token would make Schemathesis read the answer as accepting bad input.
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER):
        headers = None
    # Each example in a savepoint rolled back: one example's writes never reach the next.
    with transaction.atomic():
        response = case.call_and_validate(headers=headers)
        transaction.set_rollback(True)
    return response


@schema.parametrize()
@FUZZ_SETTINGS
def test_anonymous_answers_match_the_schema(case, existing_ids):
    response = _call_and_validate(case, existing_ids)

    assert response.status_code < 500, response.text
    assert response.headers.get("content-type"), "an answer without a Content-Type"


@schema.parametrize()
@FUZZ_SETTINGS
def test_superuser_answers_match_the_schema(case, existing_ids, superuser):
    response = _call_and_validate(
        case, existing_ids, headers={"Authorization": f"Token {api_token_for(superuser)}"}
    )

    assert response.status_code < 500, response.text
