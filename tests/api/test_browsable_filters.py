"""The browsable API's filter forms offer no records to pick: no list of people to read."""

import pytest
from django.contrib.auth.models import Permission
from django_filters import ModelChoiceFilter, ModelMultipleChoiceFilter
from rest_framework.test import APIClient

from tests.factories import EnrolmentFactory, PersonFactory, TrainerFactory, UserFactory
from trainingdb.urls import API_URLCONFS

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_only_client() -> APIClient:
    """A user who may view trainers, and nothing about participants."""
    user = UserFactory(username="trainer-desk")
    user.user_permissions.add(Permission.objects.get(codename="view_trainer"))
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def participant():
    return EnrolmentFactory(person=PersonFactory(family_name="Participantova")).person


def test_the_filter_form_of_a_trainer_only_viewer_lists_no_person(trainer_only_client, participant):
    TrainerFactory(person=PersonFactory(family_name="Trainerov"))

    response = trainer_only_client.get("/api/v1/trainers/", HTTP_ACCEPT="text/html")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="person"' in html  # the filter is there, as a number to type
    assert '<select name="person"' not in html
    assert "Participantova" not in html
    assert "Trainerov" in html


def test_filtering_by_a_participants_id_answers_as_an_id_nobody_has(
    trainer_only_client, participant
):
    by_participant = trainer_only_client.get("/api/v1/trainers/", {"person": participant.pk})
    by_nobody = trainer_only_client.get("/api/v1/trainers/", {"person": participant.pk + 1000})

    assert by_participant.status_code == by_nobody.status_code == 200
    assert by_participant.json() == by_nobody.json()
    assert by_participant.json()["count"] == 0


def test_no_filter_of_the_api_offers_records_to_pick():
    """A related record is filtered by its id (``RecordIdFilter``), never from a drop-down
    listing every record, whatever the user may view."""
    filtersets = {
        prefix: viewset.filterset_class
        for urlconf in API_URLCONFS
        for prefix, viewset, _basename in urlconf.router.registry
        if getattr(viewset, "filterset_class", None)
    }
    assert filtersets
    picking = {
        (prefix, name)
        for prefix, filterset in filtersets.items()
        for name, field in filterset.base_filters.items()
        if isinstance(field, ModelChoiceFilter | ModelMultipleChoiceFilter)
    }

    assert picking == set()
