from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile

DATA = Path(__file__).parent / "data"


def data_file(name: str) -> ContentFile:
    """A file of tests/imports/data, as an upload."""
    return ContentFile((DATA / name).read_bytes(), name=name)


def upload(content: str | bytes, name: str = "participants.csv") -> ContentFile:
    return ContentFile(content.encode() if isinstance(content, str) else content, name=name)


@pytest.fixture
def registrar_client(client, registrar):
    """A browser session logged in to the admin as a registrar."""
    client.force_login(registrar)
    return client


@pytest.fixture
def course(db):
    from tests.factories import CourseFactory

    return CourseFactory(slug="logistics-baku-2026")


class _FormReader(HTMLParser):
    """The action of a form and the fields a browser sends from it: its inputs (also those
    outside it that name it with ``form=``), checkboxes only when checked or ticked."""

    def __init__(self, form_id: str, tick: set[str]) -> None:
        super().__init__()
        self.form_id, self.tick = form_id, tick
        self.inside = False
        self.found = False
        self.action = ""
        self.fields: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.inside = named.get("id") == self.form_id
            if self.inside:
                self.found, self.action = True, named.get("action", "")
            return
        if tag != "input" or not named.get("name"):
            return
        owner = named.get("form")
        if (owner or (self.form_id if self.inside else None)) != self.form_id:
            return
        kind = named.get("type", "text")
        if kind == "checkbox" and "checked" not in named and named.get("value") not in self.tick:
            return
        if kind != "submit":
            self.fields.append((named["name"], named.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


def form_in(html: str, form_id: str, tick: Iterable[int] = ()) -> tuple[str, list[tuple[str, str]]]:
    """The action and the fields of the form ``form_id`` in a page, as a browser submits it."""
    reader = _FormReader(form_id, {str(value) for value in tick})
    reader.feed(html)
    assert reader.found, f"the page has no form #{form_id}"
    return reader.action, reader.fields


def submit_form(client, html: str, form_id: str, tick: Iterable[int] = (), **changes: str):
    """Submit a form of a page as a browser does (urlencoded), optionally changing fields."""
    action, fields = form_in(html, form_id, tick)
    fields = [(name, changes.get(name, value)) for name, value in fields]
    return client.post(action, urlencode(fields), content_type="application/x-www-form-urlencoded")
