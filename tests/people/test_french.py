"""People in French: the admin's pages, the merge's refusals and the command's report."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from apps.enrolments.models import Enrolment
from tests.factories import CourseFactory, EnrolmentFactory, PersonFactory

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}
BORN = datetime.date(1990, 5, 17)


@pytest.fixture
def kept():
    return PersonFactory(family_name="Əliyev", given_names="Rəşad", birth_date=BORN)


@pytest.fixture
def duplicate():
    return PersonFactory(family_name="Əliyev", given_names="Rəşad", birth_date=BORN)


def test_the_people_list_in_french_names_its_columns_filters_and_action_in_french(
    client, registrar, kept
):
    client.force_login(registrar)

    page = client.get(reverse("admin:people_person_changelist"), **FRENCH).content.decode()

    assert "Doublons possibles" in page
    assert "Nom de famille" in page and "Nationalité" in page and "Fusionnée dans" in page
    assert "Personnes actuelles" in page and "Fusionnées dans une autre" in page
    assert "armée de Terre / forces terrestres" in page
    assert "Fusionner les deux personnes sélectionnées" in page
    assert "Family name" not in page and "Current people" not in page


def test_a_person_s_page_in_french_shows_french_labels_and_help(client, registrar, kept):
    client.force_login(registrar)

    page = client.get(
        reverse("admin:people_person_change", args=[kept.pk]), **FRENCH
    ).content.decode()

    assert "Situation militaire" in page and "Données personnelles" in page
    assert "Prénoms" in page and "Patronyme" in page and "Grade" in page
    assert "p. ex. Ağa oğlu" in page
    assert "Given names" not in page and "Personal data" not in page


def test_the_duplicates_page_in_french_gives_the_reason_in_french(
    client, registrar, kept, duplicate
):
    client.force_login(registrar)

    page = client.get(reverse("admin:people_person_duplicates"), **FRENCH).content.decode()

    assert "Doublon possible" in page
    assert "même nom normalisé et même date de naissance" in page
    assert "1 paire" in page and "page 1 sur 1" in page
    assert "Possible duplicate" not in page and "same folded name" not in page


def test_the_merge_page_in_french_asks_which_record_to_keep(client, registrar, kept, duplicate):
    client.force_login(registrar)

    page = client.get(
        reverse("admin:people_person_merge"), {"people": f"{kept.pk},{duplicate.pk}"}, **FRENCH
    ).content.decode()

    assert "Fusionner deux personnes" in page
    assert "Conserver celle-ci" in page and "Oui, fusionner" in page
    assert "Keep this one" not in page


def test_the_admin_says_in_french_why_a_merge_is_refused(client, registrar, kept, duplicate):
    course = CourseFactory()
    EnrolmentFactory(person=kept, course=course)
    EnrolmentFactory(person=duplicate, course=course)
    client.force_login(registrar)

    response = client.post(
        reverse("admin:people_person_merge"),
        {"people": f"{kept.pk},{duplicate.pk}", "keep": kept.pk},
        **FRENCH,
    )

    assert "Les deux personnes sont inscrites à la même formation" in response.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_a_refused_merge_in_the_api_answers_in_french(api_client_for, kept, duplicate):
    course = CourseFactory()
    EnrolmentFactory(person=kept, course=course)
    EnrolmentFactory(person=duplicate, course=course)

    response = api_client_for("registrar").post(
        f"/api/v1/people/{duplicate.pk}/merge/",
        {"into": kept.pk},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 400
    assert "Les deux personnes sont inscrites à la même formation" in str(response.json())
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert set(Enrolment.objects.values_list("person", flat=True)) == {kept.pk, duplicate.pk}


def test_the_merge_command_reports_in_french(kept, duplicate):
    out = io.StringIO()

    with translation.override("fr"):
        call_command("merge_people", str(duplicate.pk), str(kept.pk), stdout=out)

    assert f"fusionnée dans celle de {kept} (UID {kept.uid})" in out.getvalue()
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept


def test_the_merge_command_refuses_in_french(kept):
    err = io.StringIO()

    with (
        translation.override("fr"),
        pytest.raises(CommandError, match="n’a pas été fusionnée\u00a0; rien n’a été modifié"),
    ):
        call_command("merge_people", str(kept.pk), str(kept.pk), stderr=err)

    assert "Refusé\u00a0: Une personne ne peut pas être fusionnée avec elle-même." in err.getvalue()
