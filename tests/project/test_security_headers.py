"""Content-Security-Policy and Permissions-Policy on every kind of page, and nothing inline
that the policy would block."""

import re

import pytest
from django.urls import reverse

from tests.factories import CertificateFactory

# A <script> element with code in it (one with src, or a JSON data block, runs nothing inline).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
EVENT_HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle\s*=", re.IGNORECASE)
DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")
PUBLIC_PAGES = (
    "home",
    "verification lookup",
    "verification",
    "admin login",
    "API docs",
    "browsable API",
)
STAFF_PAGES = ("admin change form", "admin change list")


def directives(header: str) -> dict[str, list[str]]:
    parts = (directive.split() for directive in header.split(";") if directive.strip())
    return {name: sources for name, *sources in parts}


@pytest.fixture
def page_paths(db) -> dict[str, str]:
    certificate = CertificateFactory()
    return {
        "home": "/",
        "verification lookup": reverse("certificates:lookup"),
        "verification": reverse("certificates:verify", args=[certificate.verification_code]),
        "admin login": reverse("admin:login"),
        "API docs": reverse("api-docs"),
        "admin change form": reverse(
            "admin:courses_course_change", args=[certificate.enrolment.course.pk]
        ),
        "admin change list": reverse("admin:courses_course_changelist"),
        "browsable API": "/api/v1/courses/",
    }


@pytest.mark.parametrize("page", PUBLIC_PAGES + STAFF_PAGES)
def test_a_page_allows_only_the_sites_own_files_and_runs_no_inline_script(
    request, client, page_paths, page
):
    browser = request.getfixturevalue("admin_client") if page in STAFF_PAGES else client

    response = browser.get(page_paths[page], headers={"Accept": "text/html"})

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not EVENT_HANDLER_ATTRIBUTE.search(html)


@pytest.mark.parametrize("page", ["home", "verification lookup", "verification", "API docs"])
def test_the_public_pages_and_the_api_docs_carry_no_inline_style(client, page_paths, page):
    html = client.get(page_paths[page]).content.decode()

    assert not INLINE_STYLE.search(html)


def test_every_answer_denies_the_devices_and_payment(client, page_paths):
    for path in (page_paths["verification"], "/api/v1/", "/healthz", "/no-such-page/"):
        permissions = client.get(path)["Permissions-Policy"]

        for feature in DENIED_FEATURES:
            assert f"{feature}=()" in permissions, (path, feature)
