"""A client generated from the served schema parses every list and record of the database.

datamodel-code-generator turns the schema's components into pydantic models, generated at
test time from the schema the app serves. Every list (as a superuser, so nothing is hidden)
and every record in it is parsed strictly: an enum value the schema does not name, a null
the schema does not allow, a missing required field or an unknown one fails the test.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.renderers import JSONOpenAPIRenderer

from tests.factories import (
    CertificateFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    ImportBatchFactory,
    OrganisationFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _generated_models(schema: dict, folder: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    source = folder / "schema.json"
    source.write_bytes(JSONOpenAPIRenderer().render(schema))
    output = folder / "trainingdb_client.py"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(source),
            "--input-file-type",
            "openapi",
            "--output",
            str(output),
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--extra-fields",
            "forbid",
            "--strict-nullable",
            "--field-constraints",
            "--use-annotated",
            # pydantic's EmailStr needs the email-validator package; an address is a string.
            "--type-mappings",
            "email=string",
            "--disable-timestamp",
        ],
        check=True,
        capture_output=True,
    )
    spec = importlib.util.spec_from_file_location("trainingdb_client", output)
    module = importlib.util.module_from_spec(spec)
    # pydantic resolves the models' references to each other through their module.
    monkeypatch.setitem(sys.modules, "trainingdb_client", module)
    spec.loader.exec_module(module)
    return module


def _model_name(operation: dict) -> str:
    reference = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    return reference.rsplit("/", 1)[-1]


@pytest.fixture
def records(seed):
    """The seed plus records whose optional fields are empty: blank, null, none chosen."""
    CertificateFactory()
    CourseTrainerFactory()
    EnrolmentFactory()
    SourceFactory(language="", url="", publisher=None, published_on=None)
    OrganisationFactory(parent=None, country="", website="")
    ImportBatchFactory()


def test_a_generated_client_parses_every_list_and_record(
    api_client_for, records, tmp_path, monkeypatch
):
    schema = _schema()
    models = _generated_models(schema, tmp_path, monkeypatch)
    client = api_client_for("superuser")
    paths = schema["paths"]
    parsed = 0

    for path, operations in paths.items():
        detail_path = f"{path}{{id}}/"
        if "{" in path or "get" not in operations or detail_path not in paths:
            continue  # not a list of records (a file download, the verification lookup)
        list_model = getattr(models, _model_name(operations["get"]))
        detail_model = getattr(models, _model_name(paths[detail_path]["get"]))

        response = client.get(path, {"page_size": 100})
        assert response.status_code == 200, path
        page = list_model.model_validate_json(response.content, strict=True)
        assert page.results, f"{path}: no records to parse"
        for record in page.results:
            response = client.get(detail_path.replace("{id}", str(record.id)))
            assert response.status_code == 200, response.request
            detail_model.model_validate_json(response.content, strict=True)
            parsed += 1

    assert parsed >= 20
