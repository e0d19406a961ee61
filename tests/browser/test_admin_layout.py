"""The admin as registrars see it at 1280 px: measured in Chromium, not judged by eye."""

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page

from apps.courses.models import Course
from apps.enrolments.models import EnrolmentStatus
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    OrganisationFactory,
)

# Every page is served by the live server's thread, so the test's records must be committed:
# a transactional database. Rolling back to its serialised state brings back what migrations
# wrote (the roles' groups) for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True)

SEED_COURSE = "Logistics Planning in NATO"
LONG_TITLE = (  # 205 characters
    "Advanced Multinational Logistics Planning, Host Nation Support and Movement Control "
    "for Crisis Response Operations under the Partnership Interoperability Initiative 2026 "
    "(Pilot Edition for Partner Nations)"
)
WCAG_AA_NORMAL_TEXT = 4.5

# The colour a text is seen on: its element's background, or the nearest ancestor's that is
# not transparent.
BACKGROUND_BEHIND = """element => {
    for (let node = element; node; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (!/^rgba\\(.*, 0\\)$/.test(colour) && colour !== "transparent") return colour;
    }
    return getComputedStyle(document.documentElement).backgroundColor;
}"""

# How much of an element's width is left once every ancestor that clips (overflow other than
# visible) and the viewport have cut it.
VISIBLE_WIDTH = """element => {
    const box = element.getBoundingClientRect();
    let left = Math.max(box.left, 0), right = Math.min(box.right, window.innerWidth);
    for (let node = element.parentElement; node; node = node.parentElement) {
        if (getComputedStyle(node).overflowX === "visible") continue;
        const clip = node.getBoundingClientRect();
        left = Math.max(left, clip.left);
        right = Math.min(right, clip.right);
    }
    return Math.max(0, right - left);
}"""

# The boxes of an element's lines of text, not of the block: a heading's block spans the
# width even where its words wrap beside a float.
TEXT_LINE_BOXES = """element => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return Array.from(range.getClientRects(), r => ({
        left: r.left, right: r.right, top: r.top, bottom: r.bottom,
    })).filter(r => r.right > r.left && r.bottom > r.top);
}"""

# Elements wider inside than the box they are shown in (content pushed out of reach). A text
# field's value scrolls inside it, and an ellipsis marks a cut made on purpose (select2's
# choice, whose whole text is its tooltip).
OVERFLOWING = """() => Array.from(document.querySelectorAll("#content *:not(input, textarea)"))
    .filter(node => node.scrollWidth > node.clientWidth + 1 && node.clientWidth > 0
        && getComputedStyle(node).overflowX !== "visible"
        && getComputedStyle(node).textOverflow !== "ellipsis")
    .map(node => `${node.tagName.toLowerCase()}#${node.id}.${node.className}`)"""


# A text field shows all of its value without scrolling inside it.
SHOWS_ITS_WHOLE_VALUE = "field => field.scrollWidth <= field.clientWidth"


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(css_colour: str, css_background: str) -> float:
    """WCAG 2 contrast ratio of two computed CSS colours (``rgb(…)``/``rgba(…)``)."""
    lighter, darker = sorted(
        (relative_luminance(parse_rgb(css_colour)), relative_luminance(parse_rgb(css_background))),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


def parse_rgb(css_colour: str) -> tuple[int, int, int]:
    channels = css_colour[css_colour.index("(") + 1 : css_colour.index(")")].split(",")
    red, green, blue = (round(float(channel)) for channel in channels[:3])
    return red, green, blue


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    side_by_side = a["right"] <= b["left"] or b["right"] <= a["left"]
    one_above_the_other = a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
    return not (side_by_side or one_above_the_other)


def box(locator: Locator) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not displayed"
    return {
        "left": found["x"],
        "right": found["x"] + found["width"],
        "top": found["y"],
        "bottom": found["y"] + found["height"],
    }


def assert_fits_the_width(page: Page) -> None:
    """No horizontal scrolling of the page, and nothing in it cut off by its own box."""
    scroll_width, client_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll_width <= client_width, f"page is {scroll_width} px wide in {client_width}"
    assert page.evaluate(OVERFLOWING) == []


def assert_wholly_visible(locator: Locator) -> None:
    width = locator.evaluate("element => element.getBoundingClientRect().width")
    assert width > 0, f"{locator} has no width"
    assert locator.evaluate(VISIBLE_WIDTH) == pytest.approx(width, abs=1), f"{locator} is cut off"


def assert_heading_clear_of_object_tools(page: Page) -> None:
    """The title, the record's name and the breadcrumbs never run under the buttons."""
    tools = [box(item) for item in page.locator(".object-tools li").all()]
    assert tools, "the page shows no object tools"
    for selector in ("div.breadcrumbs", "#content > h1", "#content > h2"):
        for line in page.locator(selector).evaluate(TEXT_LINE_BOXES):
            for tool in tools:
                assert not overlaps(line, tool), f"{selector} runs under an object tool"


def object_tools_all_visible(page: Page) -> list[str]:
    links = page.locator(".object-tools a")
    for link in links.all():
        assert_wholly_visible(link)
    return links.all_inner_texts()


def test_issue_preview_shows_the_course_title_legibly_on_its_bar(admin_page: Page, seed):
    admin_page.goto(reverse("admin:courses_course_changelist"))
    row = admin_page.locator("#result_list tbody tr", has_text=SEED_COURSE)
    row.locator("input.action-select").check()
    admin_page.select_option("select[name=action]", "issue_certificates")
    admin_page.click("button[name=index]")

    title = admin_page.locator(".module h2 a", has_text=SEED_COURSE)
    assert_wholly_visible(title)
    colour = title.evaluate("element => getComputedStyle(element).color")
    background = title.evaluate(BACKGROUND_BEHIND)
    assert contrast_ratio(colour, background) >= WCAG_AA_NORMAL_TEXT, (colour, background)
    assert_fits_the_width(admin_page)


def test_course_form_shows_the_french_title_beside_the_english_one_uncut(admin_page: Page, seed):
    course = Course.objects.get(title_en=SEED_COURSE)
    admin_page.goto(reverse("admin:courses_course_change", args=[course.pk]))

    english, french = admin_page.locator("#id_title_en"), admin_page.locator("#id_title_fr")
    assert box(french)["top"] == pytest.approx(box(english)["top"]), "not side by side"
    assert box(english)["right"] < box(french)["left"]
    assert box(french)["right"] <= box(admin_page.locator("#course_form"))["right"]
    for title in (english, french):
        assert_wholly_visible(title)
        assert title.evaluate(SHOWS_ITS_WHOLE_VALUE), f"{title} cuts its title off"
    row = admin_page.locator(".form-row.field-title_en").first  # the course's, then its parts'
    assert row.evaluate("row => row.scrollWidth <= row.clientWidth")
    assert_fits_the_width(admin_page)


def test_long_course_title_stays_clear_of_the_history_button(admin_page: Page):
    course = CourseFactory(title_en=LONG_TITLE, title_fr=LONG_TITLE)
    admin_page.goto(reverse("admin:courses_course_change", args=[course.pk]))

    assert_heading_clear_of_object_tools(admin_page)
    assert "HISTORY" in object_tools_all_visible(admin_page)
    assert_fits_the_width(admin_page)


@pytest.fixture
def certificate_of_a_long_course(db):
    course = CourseFactory(title_en=LONG_TITLE, title_fr=LONG_TITLE)
    enrolment = EnrolmentFactory(course=course, completed=True)
    return CertificateFactory(
        enrolment=enrolment, course_title_en=LONG_TITLE, course_title_fr=LONG_TITLE
    )


def test_certificate_page_of_a_long_course_shows_every_button(
    admin_page: Page, certificate_of_a_long_course
):
    url = reverse("admin:certificates_certificate_change", args=[certificate_of_a_long_course.pk])
    admin_page.goto(url)

    assert_heading_clear_of_object_tools(admin_page)
    assert object_tools_all_visible(admin_page) == [
        "DOWNLOAD PDF",
        "VERIFICATION PAGE",
        "REVOKE",
        "CORRECT (SUPERSEDE)",
        "HISTORY",
    ]
    assert_wholly_visible(admin_page.locator(".fieldBox.field-course_title_fr .readonly"))
    assert_fits_the_width(admin_page)


@pytest.mark.parametrize(
    ("url_name", "submit"),
    [
        ("admin:certificates_certificate_revoke", "Revoke"),
        ("admin:certificates_certificate_supersede", "Issue the corrected certificate"),
    ],
)
def test_certificate_revoke_and_correction_pages_fit_the_width(
    admin_page: Page, certificate_of_a_long_course, url_name, submit
):
    admin_page.goto(reverse(url_name, args=[certificate_of_a_long_course.pk]))

    assert_wholly_visible(admin_page.locator(f"input[type=submit][value='{submit}']"))
    assert_wholly_visible(admin_page.locator(".submit-row a.closelink"))
    for field in admin_page.locator(
        "#content fieldset :is(input:not([type=hidden]), textarea, select)"
    ).all():
        assert_wholly_visible(field)
    assert_fits_the_width(admin_page)


def test_refused_preview_leads_to_the_organisation_whose_serial_prefix_is_missing(
    admin_page: Page,
):
    georgia = OrganisationFactory(name_en="Ministry of Defence of Georgia", serial_prefix="")
    course = CourseFactory(title_en="Crisis Management in Tbilisi", delivered_by=georgia)
    EnrolmentFactory(course=course, status=EnrolmentStatus.COMPLETED)
    admin_page.goto(reverse("admin:courses_course_changelist"))
    row = admin_page.locator("#result_list tbody tr", has_text=course.title_en)
    row.locator("input.action-select").check()
    admin_page.select_option("select[name=action]", "issue_certificates")
    admin_page.click("button[name=index]")

    fix = admin_page.locator("p.fix a", has_text="Set the serial prefix")
    assert_wholly_visible(fix)
    assert_fits_the_width(admin_page)
    fix.click()

    assert admin_page.url.endswith(
        reverse("admin:organisations_organisation_change", args=[georgia.pk])
    )
    assert_wholly_visible(admin_page.locator("input[name=serial_prefix]"))
    assert_fits_the_width(admin_page)
