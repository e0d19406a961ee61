"""Admin and API search find names however they are typed: case, diacritics, script."""

import pytest

from apps.certificates.models import Certificate
from tests.factories import (
    CertificateFactory,
    EnrolmentFactory,
    PersonFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db

TYPED = ["Aliyev", "ALIYEV", "Алиев", "aliev"]


@pytest.fixture
def aliyev():
    """The person as the records hold them, and someone the searches must not find."""
    PersonFactory(family_name="Məmmədov", given_names="Rəşad")
    return PersonFactory(family_name="Əliyev", given_names="Şəhriyar", patronymic="Ağa oğlu")


def api_names(client, url: str, typed: str, key) -> list[str]:
    response = client.get(url, {"search": typed})
    assert response.status_code == 200
    return [key(row) for row in response.json()["results"]]


@pytest.mark.parametrize("typed", TYPED)
def test_people_api_search_finds_a_name_however_it_is_typed(api_client_for, aliyev, typed):
    found = api_names(api_client_for("viewer"), "/api/v1/people/", typed, lambda r: r["uid"])

    assert found == [str(aliyev.uid)]


@pytest.mark.parametrize("typed", TYPED)
def test_trainers_api_search_finds_a_name_however_it_is_typed(api_client_for, aliyev, typed):
    trainer = TrainerFactory(person=aliyev)
    TrainerFactory(person__family_name="Mahmudov")

    found = api_names(api_client_for("viewer"), "/api/v1/trainers/", typed, lambda r: r["id"])

    assert found == [trainer.pk]


@pytest.mark.parametrize("typed", TYPED)
def test_enrolments_api_search_finds_a_name_however_it_is_typed(api_client_for, aliyev, typed):
    enrolment = EnrolmentFactory(person=aliyev)
    EnrolmentFactory(person__family_name="Hasanov")

    found = api_names(api_client_for("viewer"), "/api/v1/enrolments/", typed, lambda r: r["id"])

    assert found == [enrolment.pk]


@pytest.mark.parametrize("typed", TYPED)
def test_certificates_api_search_finds_the_printed_name_however_it_is_typed(
    api_client_for, aliyev, typed
):
    certificate = CertificateFactory(enrolment__person=aliyev)
    CertificateFactory(enrolment__person__family_name="Hüseynov")

    found = api_names(
        api_client_for("viewer"), "/api/v1/certificates/", typed, lambda r: r["serial"]
    )

    assert found == [certificate.serial]


def test_certificates_api_search_finds_the_name_printed_before_a_rename(api_client_for, aliyev):
    certificate = CertificateFactory(enrolment__person=aliyev)
    aliyev.family_name = "Əliyeva"
    aliyev.save()

    found = api_names(
        api_client_for("viewer"), "/api/v1/certificates/", "ŞƏHRİYAR", lambda r: r["serial"]
    )

    assert found == [certificate.serial]
    assert Certificate.objects.get().holder_family_name == "Əliyev"


def test_api_search_words_must_all_match_across_names_and_other_fields(api_client_for, aliyev):
    enrolment = EnrolmentFactory(person=aliyev, course__title_en="Logistics Planning")
    EnrolmentFactory(person=aliyev, course__title_en="Medical Support")
    client = api_client_for("viewer")

    found = api_names(client, "/api/v1/enrolments/", "Shahriyar logistics", lambda r: r["id"])

    assert found == [enrolment.pk]


def test_api_search_still_finds_a_serial_and_an_email(api_client_for, aliyev):
    aliyev.email = "s.aliyev@mod.example"
    aliyev.save()
    certificate = CertificateFactory(enrolment__person=aliyev, serial="JFCBS-2026-000042")
    client = api_client_for("viewer")

    assert api_names(client, "/api/v1/certificates/", "000042", lambda r: r["serial"]) == [
        certificate.serial
    ]
    assert api_names(client, "/api/v1/people/", "mod.example", lambda r: r["uid"]) == [
        str(aliyev.uid)
    ]


ADMIN_LISTS = [
    ("/admin/people/person/", lambda person: person),
    ("/admin/people/trainer/", lambda person: TrainerFactory(person=person)),
    ("/admin/enrolments/enrolment/", lambda person: EnrolmentFactory(person=person)),
    (
        "/admin/certificates/certificate/",
        lambda person: CertificateFactory(enrolment__person=person),
    ),
]


@pytest.mark.parametrize(("url", "make"), ADMIN_LISTS)
@pytest.mark.parametrize("typed", ["Aliyev", "ALIYEV", "Алиев"])
def test_admin_search_finds_a_name_however_it_is_typed(admin_client, aliyev, url, make, typed):
    found = make(aliyev)
    make(PersonFactory(family_name="Hasanov"))

    response = admin_client.get(url, {"q": typed})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [found]


def test_admin_autocomplete_finds_a_person_however_the_name_is_typed(admin_client, aliyev):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "Алиев",
            "app_label": "enrolments",
            "model_name": "enrolment",
            "field_name": "person",
        },
    )

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(aliyev.pk)]
