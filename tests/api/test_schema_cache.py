"""/api/schema/ is built once per language and code, then served from the cache."""

import pytest
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator

from apps.core.api.schema_cache import code_digest, schema_cache_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def builds(monkeypatch) -> list[str | None]:
    """The API versions the schema was built for, one entry per build."""
    cache.clear()
    built: list[str | None] = []
    build = SchemaGenerator.get_schema

    def counting_build(self, *args, **kwargs):
        built.append(self.api_version)
        return build(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting_build)
    yield built
    cache.clear()


def test_a_second_request_does_not_rebuild_the_schema(api_client, builds):
    first = api_client.get("/api/schema/", {"format": "json"})
    second = api_client.get("/api/schema/", {"format": "json"})
    as_yaml = api_client.get("/api/schema/")

    assert first.status_code == second.status_code == as_yaml.status_code == 200
    assert len(builds) == 1
    assert first.json() == second.json()
    assert first.json()["paths"]["/api/v1/auth/login/"]
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert b"/api/v1/auth/login/:" in as_yaml.content


def test_each_language_has_its_own_cached_schema(api_client, builds):
    api_client.get("/api/schema/", {"format": "json"})
    api_client.get("/api/schema/", {"format": "json", "lang": "fr"})
    api_client.get("/api/schema/", {"format": "json", "lang": "fr"})

    assert len(builds) == 2
    assert cache.get(schema_cache_key(None, "en")) is not None
    assert cache.get(schema_cache_key(None, "fr")) is not None


def test_the_cache_key_changes_with_the_code(settings, tmp_path):
    """A deployment with other code never serves the schema the old code cached."""
    for folder in ("apps", "trainingdb"):
        (tmp_path / folder).mkdir()
    source = tmp_path / "apps" / "views.py"
    source.write_text("class CourseViewSet: ...\n")
    settings.BASE_DIR = tmp_path
    try:
        code_digest.cache_clear()
        before = schema_cache_key("1.0", "en")
        source.write_text("class CourseViewSet: ...\nclass TrainerViewSet: ...\n")
        code_digest.cache_clear()
        after = schema_cache_key("1.0", "en")
    finally:
        code_digest.cache_clear()

    assert before != after
