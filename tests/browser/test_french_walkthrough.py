"""A French-speaking registrar works the whole path in Chromium without an English word of ours.

Record a course, import its participants, issue their certificates, read the dashboard, the
reports and the course's attendance list, verify a certificate on the public page: on every
page, no English source string of TrainingDB's catalogues may show. The strings looked for are
every msgid of our catalogues (``locale/`` and ``apps/*/locale/``) whose
French differs from it, or is missing.
"""

import re
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import Browser, Page

from apps.accounts.roles import REGISTRAR
from apps.certificates.models import Certificate
from apps.core.translations import catalogue_paths, read_catalogue
from apps.courses.models import Course
from apps.enrolments.models import Enrolment
from tests.browser.conftest import PASSWORD, VIEWPORT
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory

# Served by the live server's thread: the records must be committed (see test_admin_layout).
pytestmark = pytest.mark.django_db(transaction=True)

# What a French registrar's spreadsheet looks like: French headers and words.
ATTENDANCE = (
    "Nom;Prénoms;Nationalité;Date de naissance;Statut;Date d'achèvement\n"
    "Əliyev;Rəşad;AZ;14/03/1984;achevé;06/03/2026\n"
    "Məmmədov;Elvin;Azerbaïdjan;02/07/1988;achevé;06/03/2026\n"
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*(?:![rs])?\}|<[^>]+>|&\w+;")
# The visible text of a page, leaving out what is in another language on purpose: the
# language switch's "English" and the certificate's English column (lang="en").
VISIBLE_FRENCH_TEXT = """() => {
    const others = [...document.querySelectorAll('body [lang]:not([lang|="fr"])')];
    const displays = others.map((element) => element.style.display);
    others.forEach((element) => { element.style.display = 'none'; });
    const text = document.body.innerText;
    others.forEach((element, index) => { element.style.display = displays[index]; });
    return text;
}"""


@cache
def english_phrases() -> frozenset[str]:
    """Our catalogues' English phrases: multi-word ones, and single words of 5+ letters.

    A msgid with placeholders or HTML counts by its fixed pieces of two words or more.
    """
    root = Path(settings.BASE_DIR)
    phrases: set[str] = set()
    for path in catalogue_paths(root):
        for entry in read_catalogue(root / path):
            if entry.obsolete or all(text == entry.msgid for text in entry.translations):
                continue
            for msgid in filter(None, (entry.msgid, entry.plural)):
                pieces = [piece.strip(" .,:;()…") for piece in PLACEHOLDER.split(msgid)]
                for piece in pieces:
                    words = piece.split()
                    if len(words) >= 2 or (
                        len(pieces) == 1 and len(piece) >= 5 and piece.isalpha()
                    ):
                        phrases.add(piece)
    return frozenset(phrases)


def english_on(page: Page) -> list[str]:
    text = page.evaluate(VISIBLE_FRENCH_TEXT)
    return sorted(
        phrase
        for phrase in english_phrases()
        if re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text)
    )


def choose(page: Page, field: str, search: str, option: str) -> None:
    """Pick a related record in an autocomplete field (Django's select2) as a user does."""
    page.click(f"#id_{field} ~ .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", search)
    page.click(f".select2-results__option:has-text('{option}')")


def test_a_french_registrar_works_the_whole_path_in_french(browser: Browser, live_server, tmp_path):
    issuer = OrganisationFactory(
        name_en="NATO Mobile Training Team",
        name_fr="Groupe mobile d’entraînement de l’OTAN",
        acronym="MTT",
        serial_prefix="MTTFR",
    )
    ProgrammeFactory(
        title_en="Azerbaijan IPCP 2026",
        title_fr="Programme de coopération de partenariat individuel (IPCP) 2026 de l’Azerbaïdjan",
    )
    registrar = UserFactory(username="gestionnaire", is_staff=True)
    registrar.groups.add(Group.objects.get(name=REGISTRAR))
    spreadsheet = tmp_path / "presence.csv"
    spreadsheet.write_text(ATTENDANCE, encoding="utf-8")
    context = browser.new_context(viewport=VIEWPORT, base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    english_seen: dict[str, list[str]] = {}

    def check(name: str) -> None:
        assert page.evaluate("document.documentElement.lang") == "fr", name
        found = english_on(page)
        if found:
            english_seen[name] = found

    page.goto("/admin/login/")
    check("login")
    page.fill("#id_username", registrar.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
    check("admin index")

    page.goto(reverse("admin:courses_course_add"))
    check("course: add")
    page.fill("#id_title_en", "Logistics Planning in NATO")
    page.fill("#id_title_fr", "Formation à la planification logistique")
    page.fill("#id_slug", "planification-logistique-2026")
    page.select_option("#id_status", "held")
    page.fill("#id_city", "Bakou")
    page.select_option("#id_country", "AZ")
    page.fill("#id_start_date", "02/03/2026")
    page.select_option("#id_start_precision", "day")
    page.fill("#id_end_date", "06/03/2026")
    page.select_option("#id_end_precision", "day")
    choose(page, "programme", "IPCP", "Programme de coopération")
    choose(page, "delivered_by", "MTT", "OTAN")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    course = Course.objects.get(slug="planification-logistique-2026")
    assert course.delivered_by == issuer
    check("course: change")
    # Dates in the language's own format: the change page's history of edits aside, the
    # French admin writes the date of the course as a French reader does.
    page.goto(reverse("admin:courses_course_changelist"))
    assert "2 mars 2026" in page.inner_text("#result_list")
    check("course: list")

    page.goto(reverse("admin:courses_course_import_participants", args=[course.pk]))
    check("import: upload")
    page.set_input_files("input[type=file]", str(spreadsheet))
    page.click("#import_upload_form input[type=submit]")
    page.wait_for_selector("#import-confirm")
    check("import: preview")
    page.click("#import-confirm input[name=confirm]")
    page.wait_for_selector(".messagelist .success")
    assert Enrolment.objects.filter(course=course).count() == 2
    check("import: done")

    page.goto(reverse("admin:courses_course_changelist"))
    page.check(f"input.action-select[value='{course.pk}']")
    page.select_option("select[name=action]", "issue_certificates")
    page.click("button[name=index]")
    page.wait_for_selector("form input[name=post]", state="attached")
    check("certificates: preview")
    page.click("form:has(input[name=post]) input[type=submit]")
    page.wait_for_selector(".messagelist .success")
    assert Certificate.objects.filter(enrolment__course=course).count() == 2
    check("certificates: issued")

    page.goto(reverse("admin:index"))
    page.wait_for_selector("#dashboard-figures")
    check("dashboard")
    page.click("#header a.reports-link")
    page.wait_for_selector("#report-figures")
    check("reports")
    page.goto(reverse("reports:course-attendance", args=[course.pk]))
    assert page.locator("#attendance-list tbody tr").count() == 2
    check("attendance list")

    certificate = Certificate.objects.filter(enrolment__course=course).order_by("serial").first()
    page.goto(reverse("admin:certificates_certificate_change", args=[certificate.pk]))
    check("certificate: change")
    page.goto(certificate.verification_path())
    assert page.locator(".state-valid h1").inner_text() == "Attestation valide"
    check("verification page")
    page.goto(reverse("certificates:lookup"))
    check("verification lookup")
    context.close()

    assert english_seen == {}, "English strings of ours on French pages:\n" + "\n".join(
        f"{name}: {found}" for name, found in english_seen.items()
    )
