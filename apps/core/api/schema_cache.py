"""/api/schema/ from the cache: building the schema takes most of a second of CPU.

The schema changes only with the code, so it is built once per API version, language and
code, and kept in the cache (Redis when ``REDIS_URL`` is set, so every app server shares one
copy). The key carries a digest of the project's source and of the libraries that shape the
schema: a deployment with other code never serves the schema of the old one.
"""

import functools
import hashlib
import json
from importlib.metadata import version as package_version
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView
from rest_framework.request import Request
from rest_framework.response import Response

SCHEMA_CACHE_SECONDS = 24 * 60 * 60
SOURCE_FOLDERS = ("apps", "trainingdb")
LIBRARIES = ("django", "djangorestframework", "drf-spectacular", "django-filter")


@functools.cache
def code_digest() -> str:
    """A digest of the code the schema is generated from, computed once per process."""
    digest = hashlib.sha256()
    for library in LIBRARIES:
        digest.update(f"{library}=={package_version(library)}\n".encode())
    for folder in SOURCE_FOLDERS:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*.py")):
            digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def schema_cache_key(version: str | None, language: str | None) -> str:
    return f"api-schema:{code_digest()}:{version or '-'}:{language or '-'}"


class CachedSchemaView(SpectacularAPIView):
    """drf-spectacular's schema view, building the schema only on a cache miss."""

    def _get_schema_response(self, request: Request) -> Response:
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = schema_cache_key(version, translation.get_language())
        schema = cache.get(key)
        if schema is None:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            built = generator.get_schema(request=request, public=self.serve_public)
            # Plain data (translated texts as strings) for any cache backend to store.
            schema = json.loads(json.dumps(built, cls=DjangoJSONEncoder))
            cache.set(key, schema, SCHEMA_CACHE_SECONDS)
        filename = self._get_filename(request, version)
        return Response(
            data=schema, headers={"Content-Disposition": f'inline; filename="{filename}"'}
        )
