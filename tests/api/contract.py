"""What the contract tests share.

The contract tests pin the answers an outside fuzzer found outside the schema, one test each.
The fuzz run itself (``test_schema_fuzz.py``) keeps the whole contract held; these name the
cases it found, so a regression says what broke.
"""

import json

from drf_spectacular.generators import SchemaGenerator


def api_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:200]
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert isinstance(body["detail"], str)
    return body
