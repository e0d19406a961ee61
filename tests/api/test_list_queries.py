"""Every list runs as many queries for one row as for a hundred, on its first page and its last.

The lists are read from the API's routers, so a new endpoint is covered once it is
registered. An N+1 (a query per row) or a query that only some pages run fails here.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.api.permissions import PublicReadModelPermissions
from apps.courses.models import Course
from apps.demo.services import demo_data_generate
from tests.factories import ImportBatchFactory, UserFactory
from trainingdb.urls import API_URLCONFS

pytestmark = pytest.mark.django_db

SCALE = 300  # about 330 enrolments, 17 courses with their parts and trainers, 50 sources


def _lists() -> list[tuple[str, str]]:
    """Each list and who may read it: public lists anonymously too."""
    found = []
    for urlconf in API_URLCONFS:
        for prefix, viewset, _basename in urlconf.router.registry:
            found.append((prefix, "superuser"))
            if PublicReadModelPermissions in viewset.permission_classes:
                found.append((prefix, "anonymous"))
    return found


@pytest.fixture
def register():
    """The demonstration register, and a few import batches (which it does not make)."""
    demo_data_generate(scale=SCALE, seed=12)
    courses = list(Course.objects.order_by("id")[:3])
    user = UserFactory()
    for course in courses:
        ImportBatchFactory(course=course, imported_by=user)


def _queries(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response.json()["results"], f"{url} gave an empty page"
    return len(captured), response.json()["count"]


@pytest.mark.parametrize(("prefix", "role"), _lists())
def test_a_list_runs_the_same_queries_whatever_the_page_size_and_page(
    register, api_client_for, prefix, role
):
    client = api_client_for(role)
    url = f"/api/v1/{prefix}/"

    one_row, total = _queries(client, f"{url}?page_size=1")
    last_row, _total = _queries(client, f"{url}?page_size=1&page={total}")
    hundred_rows, _total = _queries(client, f"{url}?page_size=100")
    last_hundred, _total = _queries(client, f"{url}?page_size=100&page=last")

    assert total > 1
    assert (one_row, last_row, hundred_rows, last_hundred) == (one_row,) * 4
