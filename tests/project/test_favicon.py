"""The site's icon: served where browsers ask for it, and linked from the pages."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.project.test_settings import PRODUCTION, run_manage

ICO_SIGNATURE = b"\x00\x00\x01\x00"


@pytest.mark.parametrize("debug", [True, False])
def test_favicon_ico_is_an_icon(client, settings, debug):
    settings.DEBUG = debug

    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content).startswith(ICO_SIGNATURE)


def test_favicon_ico_is_served_by_the_production_settings():
    probe = (
        "from django.test import Client; "
        "response = Client().get('/favicon.ico', secure=True); "
        "print(response.status_code, response['Content-Type'])"
    )

    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        probe,
        **{**PRODUCTION, "ALLOWED_HOSTS": "testserver"},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "image/x-icon"]


def test_the_svg_icon_is_a_static_file_collectstatic_finds():
    found = finders.find("core/favicon.svg")

    assert found is not None
    assert "<svg" in Path(found).read_text()


@pytest.mark.django_db
def test_the_public_pages_and_the_admin_link_the_icon(admin_client):
    for url in (reverse("certificates:lookup"), reverse("admin:index")):
        page = admin_client.get(url).content.decode()

        assert '<link rel="icon" href="/favicon.ico" sizes="any">' in page, url
        assert 'href="/static/core/favicon.svg" type="image/svg+xml"' in page, url
