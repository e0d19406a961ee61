import pytest

from tests.sources.helpers import LIST


@pytest.fixture
def slugs(api_client):
    def get(query: str) -> list[str]:
        response = api_client.get(f"{LIST}?{query}")
        assert response.status_code == 200, response.json()
        return [row["slug"] for row in response.json()["results"]]

    return get
