"""The demonstration data command reports, and refuses, in French."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from apps.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


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
