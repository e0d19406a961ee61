"""A person's folded names follow the names through every way they are written."""

import importlib

import pytest
from django.apps import apps as django_apps

from apps.core.models import NAME_UPDATE_ERROR
from apps.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def folded(person: Person) -> tuple[str, str, str]:
    person = Person.objects.get(pk=person.pk)
    return person.family_name_folded, person.given_names_folded, person.full_name_folded


def test_saving_a_person_stores_the_folded_names():
    person = PersonFactory(family_name="Əliyev", given_names="Şəhriyar", patronymic="Ağa oğlu")

    assert folded(person) == ("aliav", "saxriar", "aliav saxriar axa oxlu")


def test_the_folded_names_are_recomputed_when_a_name_changes():
    person = PersonFactory(family_name="Əliyev", given_names="Şəhriyar")

    person.family_name = "Məmmədov"
    person.save(update_fields=["family_name"])

    assert folded(person) == ("mamadov", "saxriar", "mamadov saxriar")
    assert person.history.first().family_name_folded == "mamadov"


def test_bulk_create_and_bulk_update_fold_the_names():
    people = Person.objects.bulk_create([Person(family_name="Алиев"), Person(family_name="Rəşad")])
    people = list(Person.objects.order_by("id"))
    assert [person.family_name_folded for person in people] == ["aliav", "rasad"]

    people[0].given_names = "Чингиз"
    Person.objects.bulk_update(people[:1], ["given_names"])

    assert folded(people[0]) == ("aliav", "cinxiz", "aliav cinxiz")


def test_a_bulk_update_of_a_name_is_refused_as_it_could_not_fold_it():
    person = PersonFactory(family_name="Əliyev")

    with pytest.raises(ValueError, match="Names change through save"):
        Person.objects.filter(pk=person.pk).update(family_name="Aliyev")

    assert Person.objects.get().family_name == "Əliyev"
    assert "{fields}" in NAME_UPDATE_ERROR


def test_the_data_migration_folds_the_names_of_existing_people_and_their_history():
    person = PersonFactory(family_name="Əliyev", given_names="Şəhriyar")
    Person.objects.update(family_name_folded="", given_names_folded="", full_name_folded="")
    Person.history.update(family_name_folded="", given_names_folded="", full_name_folded="")
    migration = importlib.import_module("apps.people.migrations.0003_folded_names")

    migration.fold_existing_names(django_apps, None)

    assert folded(person) == ("aliav", "saxriar", "aliav saxriar")
    assert person.history.get().full_name_folded == "aliav saxriar"
