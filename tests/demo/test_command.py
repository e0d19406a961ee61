from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_command_generates_and_says_what_it_made():
    out = StringIO()

    call_command("generate_demo_data", "--scale", "100", "--seed", "4", stdout=out)

    assert Person.objects.count() == 100
    assert "100  people.Person" in out.getvalue()
    assert "Generated 100 people with seed 4" in out.getvalue()


def test_command_refuses_beside_a_hand_made_record_unless_forced():
    PersonFactory()

    with pytest.raises(CommandError, match="did not make \\(1 people\\)"):
        call_command("generate_demo_data", "--scale", "20", stdout=StringIO())
    assert Person.objects.count() == 1

    call_command("generate_demo_data", "--scale", "20", "--force", stdout=StringIO())
    assert Person.objects.count() == 21
