import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone, translation

from apps.organisations.models import PARENT_CYCLE_ERROR, Organisation, OrganisationKind
from apps.programmes.models import Programme
from tests.factories import CourseFactory, OrganisationFactory, PersonFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_organisation_shows_its_name_and_acronym():
    organisation = OrganisationFactory(name_en="Joint Force Command Brunssum", acronym="JFCBS")

    assert str(organisation) == "Joint Force Command Brunssum (JFCBS)"


def test_organisation_without_acronym_shows_its_name_only():
    organisation = OrganisationFactory(name_en="Ministry of Defence", acronym="")

    assert str(organisation) == "Ministry of Defence"


@pytest.mark.parametrize(
    ("language", "name_fr", "expected"),
    [
        ("en", "Ministère de la Défense", "Ministry of Defence"),
        ("fr", "Ministère de la Défense", "Ministère de la Défense"),
        ("fr", "", "Ministry of Defence"),
        ("de", "Ministère de la Défense", "Ministry of Defence"),
    ],
)
def test_organisation_name_follows_the_active_language(language, name_fr, expected):
    organisation = OrganisationFactory(name_en="Ministry of Defence", name_fr=name_fr)

    with translation.override(language):
        assert organisation.name == expected
        assert str(organisation) == expected


def test_organisation_is_found_by_its_natural_key():
    organisation = OrganisationFactory(slug="jfc-brunssum")

    assert organisation.natural_key() == ("jfc-brunssum",)
    assert Organisation.objects.get_by_natural_key(*organisation.natural_key()) == organisation


def test_organisation_slug_must_be_unique():
    OrganisationFactory(slug="nato")
    duplicate = OrganisationFactory.build(slug="nato")

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert list(refused.value.message_dict) == ["slug"]
    assert refused.value.error_dict["slug"][0].code == "unique"


def test_database_refuses_a_second_organisation_with_the_same_slug():
    OrganisationFactory(slug="nato")

    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(slug="nato")

    assert Organisation.objects.filter(slug="nato").count() == 1


def test_organisation_can_belong_to_another():
    nato = OrganisationFactory(kind=OrganisationKind.ALLIANCE)
    command = OrganisationFactory(kind=OrganisationKind.COMMAND, parent=nato)
    team = OrganisationFactory.build(kind=OrganisationKind.TRAINING_TEAM, parent=command)

    team.full_clean()
    team.save()

    assert list(command.units.all()) == [team]


def test_organisation_cannot_belong_to_itself():
    organisation = OrganisationFactory()
    organisation.parent = organisation

    with pytest.raises(ValidationError) as refused:
        organisation.full_clean()

    assert refused.value.message_dict == {"parent": [str(PARENT_CYCLE_ERROR)]}


def test_organisation_cycle_error_carries_the_parent_cycle_code():
    organisation = OrganisationFactory()
    organisation.parent = organisation

    with pytest.raises(ValidationError) as refused:
        organisation.full_clean()

    assert refused.value.error_dict["parent"][0].code == "parent_cycle"


def test_database_refuses_an_organisation_that_belongs_to_itself():
    organisation = OrganisationFactory()

    with (
        pytest.raises(IntegrityError, match="organisations_organisation_not_own_parent"),
        transaction.atomic(),
    ):
        Organisation.objects.filter(pk=organisation.pk).update(parent=organisation)

    organisation.refresh_from_db()
    assert organisation.parent is None


def test_organisation_cannot_belong_to_one_of_its_own_units():
    a = OrganisationFactory()
    b = OrganisationFactory()
    a.parent = b
    a.save()
    b.parent = a

    with pytest.raises(ValidationError) as refused:
        b.full_clean()

    assert refused.value.message_dict == {"parent": [str(PARENT_CYCLE_ERROR)]}


def test_organisation_cannot_belong_to_a_unit_further_down_its_own_tree():
    top = OrganisationFactory()
    middle = OrganisationFactory(parent=top)
    bottom = OrganisationFactory(parent=middle)
    top = Organisation.objects.get(pk=top.pk)
    top.parent = Organisation.objects.get(pk=bottom.pk)

    with pytest.raises(ValidationError) as refused:
        top.full_clean()

    assert refused.value.message_dict == {"parent": [str(PARENT_CYCLE_ERROR)]}
    assert Organisation.objects.get(pk=top.pk).parent is None


def test_organisation_under_an_unknown_parent_is_refused_without_crashing():
    organisation = OrganisationFactory.build(parent_id=999_999)

    with pytest.raises(ValidationError) as refused:
        organisation.full_clean()

    assert "parent" in refused.value.message_dict


@pytest.mark.parametrize("side", ["partner", "nato_side"])
def test_organisation_taking_part_in_a_programme_cannot_be_deleted(side):
    programme = ProgrammeFactory()
    organisation = getattr(programme, side)

    with pytest.raises(ProtectedError):
        organisation.delete()

    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_organisation_with_units_cannot_be_deleted():
    parent = OrganisationFactory()
    OrganisationFactory(parent=parent)

    with pytest.raises(ProtectedError):
        parent.delete()

    assert Organisation.objects.count() == 2


@pytest.mark.parametrize(
    "make_dependant",
    [
        lambda organisation: PersonFactory(organisation=organisation),
        lambda organisation: CourseFactory(delivered_by=organisation),
    ],
    ids=["person", "course"],
)
def test_organisation_that_records_rest_on_cannot_be_deleted(make_dependant):
    organisation = OrganisationFactory()
    make_dependant(organisation)
    count = Organisation.objects.count()

    with pytest.raises(ProtectedError):
        organisation.delete()

    assert Organisation.objects.count() == count


def test_organisation_that_nothing_rests_on_can_be_deleted():
    organisation = OrganisationFactory()

    organisation.delete()

    assert not Organisation.objects.exists()


LONG_AGO = timezone.make_aware(datetime.datetime(2020, 1, 1))


def test_saving_a_record_refreshes_when_it_was_last_changed():
    organisation = OrganisationFactory()
    Organisation.objects.filter(pk=organisation.pk).update(created_at=LONG_AGO, updated_at=LONG_AGO)
    organisation.refresh_from_db()

    organisation.name_en = "Renamed"
    organisation.save()

    organisation.refresh_from_db()
    assert organisation.updated_at > LONG_AGO
    assert organisation.created_at == LONG_AGO


def test_saving_only_some_fields_still_refreshes_when_the_record_was_last_changed():
    organisation = OrganisationFactory(name_en="Old name")
    Organisation.objects.filter(pk=organisation.pk).update(updated_at=LONG_AGO)
    organisation.refresh_from_db()

    organisation.name_en = "New name"
    organisation.save(update_fields=["name_en"])

    organisation.refresh_from_db()
    assert organisation.name_en == "New name"
    assert organisation.updated_at > LONG_AGO


def test_new_record_is_stamped_when_it_is_created():
    before = timezone.now()

    organisation = OrganisationFactory()

    organisation.refresh_from_db()
    assert before <= organisation.created_at <= organisation.updated_at <= timezone.now()


def test_saving_with_no_fields_to_update_writes_nothing(django_assert_num_queries):
    organisation = OrganisationFactory()
    Organisation.objects.filter(pk=organisation.pk).update(updated_at=LONG_AGO)
    organisation.refresh_from_db()

    with django_assert_num_queries(0):
        organisation.save(update_fields=[])

    organisation.refresh_from_db()
    assert organisation.updated_at == LONG_AGO
