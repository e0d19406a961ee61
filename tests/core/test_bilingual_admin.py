"""Bilingual fields in the admin: the active language's field of each pair first."""

import pytest
from django.utils import translation

from apps.core.admin import french_first_fieldsets
from tests.factories import CourseFactory

FIELDSETS = (
    (None, {"fields": (("title_en", "title_fr"), "slug", "summary_en", "summary_fr", "status")}),
    ("English", {"fields": ("summary_en", "outcome_en")}),
    ("Français", {"fields": ("summary_fr", "outcome_fr")}),
    ("Record", {"fields": (("created_at", "updated_at"),)}),
)


def test_french_fieldsets_put_each_french_field_and_fieldset_first():
    reordered = french_first_fieldsets(FIELDSETS)

    assert [title for title, _options in reordered] == [None, "Français", "English", "Record"]
    assert reordered[0][1]["fields"] == [
        ("title_fr", "title_en"),
        "slug",
        "summary_fr",
        "summary_en",
        "status",
    ]
    assert reordered[3][1]["fields"] == [("created_at", "updated_at")]


def test_a_field_without_its_pair_stays_in_place():
    fieldsets = ((None, {"fields": ("title_en", "city", "description_fr")}),)

    assert french_first_fieldsets(fieldsets)[0][1]["fields"] == [
        "title_en",
        "city",
        "description_fr",
    ]


def position(html: str, *needles: str) -> list[int]:
    return [html.index(needle) for needle in needles]


@pytest.mark.django_db
def test_french_course_page_shows_french_fields_first(admin_client):
    course = CourseFactory(title_en="Logistics course", title_fr="Stage de logistique")

    french = admin_client.get(f"/admin/courses/course/{course.pk}/change/?lang=fr").content
    english = admin_client.get(f"/admin/courses/course/{course.pk}/change/?lang=en").content

    title_fr, title_en = position(french.decode(), 'name="title_fr"', 'name="title_en"')
    assert title_fr < title_en
    # The course parts' inline too.
    part_fr, part_en = position(
        french.decode(), 'id="id_parts-__prefix__-title_fr"', 'id="id_parts-__prefix__-title_en"'
    )
    assert part_fr < part_en
    title_fr, title_en = position(english.decode(), 'name="title_fr"', 'name="title_en"')
    assert title_en < title_fr


@pytest.mark.django_db
def test_french_changelist_shows_the_french_title_first_as_the_link(admin_client):
    course = CourseFactory(title_en="Logistics course", title_fr="Stage de logistique")

    french = admin_client.get("/admin/courses/course/?lang=fr").content.decode()
    english = admin_client.get("/admin/courses/course/?lang=en").content.decode()

    assert (
        f'<th class="field-title_fr"><a href="/admin/courses/course/{course.pk}/change/' in french
    )
    assert french.index("Stage de logistique") < french.index("Logistics course")
    assert "field-title_fr" not in english
    with translation.override("en"):
        assert (
            f'<th class="field-title_en"><a href="/admin/courses/course/{course.pk}/change/'
            in english
        )
