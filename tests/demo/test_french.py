"""The demonstration data command reports, and refuses, in French."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from apps.demo.services import demo_data_generate
from apps.people.models import Person
from apps.programmes.models import Programme, ProgrammeKind
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"


def glossary_french() -> dict[str, str]:
    """The glossary's French for each English term, from its tables."""
    terms = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 2:
            terms[cells[0]] = cells[1]
    return terms


def test_the_command_reports_in_french():
    out = StringIO()

    with translation.override("fr"):
        call_command("generate_demo_data", "--scale", "100", "--seed", "4", stdout=out)

    report = out.getvalue()
    assert "100 personnes générées avec la graine 4 en " in report
    assert "100  people.Person  personnes" in report
    assert "programmes.Programme  programmes de coopération" in report
    assert Person.objects.count() == 100


def test_the_command_refuses_in_french_beside_a_hand_made_record():
    PersonFactory()

    with (
        translation.override("fr"),
        pytest.raises(CommandError, match=r"n’ont pas créés \(1 personnes\)"),
    ):
        call_command("generate_demo_data", "--scale", "20", stdout=StringIO())
    assert Person.objects.count() == 1


def test_generated_programmes_are_titled_in_french_with_the_glossarys_words():
    demo_data_generate(scale=100, seed=4)
    french = glossary_french()

    programmes = list(Programme.objects.filter(slug__startswith="demo-"))
    assert ProgrammeKind.ITPP in {programme.kind for programme in programmes}
    for programme in programmes:
        with translation.override("en"):
            term = str(ProgrammeKind(programme.kind).label)
        assert programme.title_fr.startswith(f"{french[term]} pour "), programme.title_fr
    itpp = next(programme for programme in programmes if programme.kind == ProgrammeKind.ITPP)
    assert itpp.title_fr.startswith("Programme de partenariat individualisé (ITPP) pour ")
