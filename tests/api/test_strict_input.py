"""Input is what the schema says or it is refused: the superuser fuzz pass's findings, pinned.

DRF coerces values of the wrong JSON type, ignores unknown ordering fields and reads an empty
``?format=`` as none; the schema said each was impossible. Where the server was right and the
schema silent (NUL characters, serial prefixes, web addresses), the schema now says it.
"""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from apps.core.api.filters import ORDERING_ERROR
from apps.core.api.schema import NO_NUL_PATTERN, WEB_ADDRESS_PATTERN
from apps.core.validators import PERCENT_ESCAPE_ERROR
from apps.people.models import Trainer
from tests.factories import CertificateFactory, CourseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("expertise", 0, "Incorrect type: expected a string, received a number."),
        ("expertise", {}, "Incorrect type: expected a string, received an object."),
        ("expertise", ["Logistics"], "Incorrect type: expected a string, received a list."),
        ("affiliation", "1", "Incorrect type: expected a whole number, received a string."),
        ("affiliation", True, "Incorrect type: expected a whole number, received true or false."),
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_not_coerced(
    api_client_for, field, value, message
):
    person = PersonFactory()

    response = api_client_for("superuser").post(
        "/api/v1/trainers/", {"person": person.pk, field: value}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {field: [message]}
    assert not Trainer.objects.exists()


def test_a_boolean_given_as_text_is_refused(api_client_for):
    course = CourseFactory(certificates_awarded=False)

    response = api_client_for("superuser").patch(
        f"/api/v1/courses/{course.pk}/", {"certificates_awarded": "true"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "certificates_awarded": ["Incorrect type: expected true or false, received a string."]
    }
    course.refresh_from_db()
    assert course.certificates_awarded is False


def test_a_list_of_records_given_as_an_object_is_refused(api_client_for, seed):
    response = api_client_for("superuser").post(
        "/api/v1/sources/",
        {"slug": "a-source", "kind": "announcement", "courses": {}},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["courses"] == ["Incorrect type: expected a list, received an object."]


def test_the_browsable_apis_form_input_is_still_read_as_text(admin_client):
    """HTML forms send text only; their values keep DRF's own parsing."""
    person = PersonFactory()

    response = admin_client.post(
        "/api/v1/trainers/", {"person": str(person.pk), "expertise": "Logistics"}
    )

    assert response.status_code == 201, response.content[:300]
    assert Trainer.objects.get().expertise == "Logistics"


@pytest.mark.parametrize(
    "path", ["/api/v1/courses/?format=", "/api/v1/certificates/{id}/pdf/?format="]
)
def test_an_empty_format_is_a_format_not_offered(api_client_for, path):
    certificate = CertificateFactory()

    response = api_client_for("superuser").get(path.format(id=certificate.pk))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_ordering_by_a_field_the_list_does_not_offer_is_refused(api_client):
    response = api_client.get("/api/v1/organisations/?ordering=name_en,-nmae")

    assert response.status_code == 400
    [message] = response.json()["ordering"]
    assert message == ORDERING_ERROR.format(
        unknown="-nmae",
        allowed="acronym, country, created_at, id, kind, name_en, name_fr, slug",
    )


def test_ordering_by_offered_fields_still_orders(api_client, seed):
    response = api_client.get("/api/v1/organisations/?ordering=-slug")

    slugs = [organisation["slug"] for organisation in response.json()["results"]]
    assert response.status_code == 200
    assert slugs == sorted(slugs, reverse=True)


def test_the_schema_lists_the_fields_a_list_can_be_ordered_by():
    [ordering] = [
        parameter
        for parameter in _schema()["paths"]["/api/v1/people/"]["get"]["parameters"]
        if parameter["name"] == "ordering"
    ]

    assert ordering["schema"]["items"]["enum"] == [
        "family_name",
        "-family_name",
        "given_names",
        "-given_names",
        "created_at",
        "-created_at",
        "id",
        "-id",
    ]
    assert (ordering["style"], ordering["explode"]) == ("form", False)


def test_the_schema_says_that_text_never_holds_a_nul_character():
    schema = _schema()
    person = schema["components"]["schemas"]["PersonRequest"]["properties"]
    [search] = [
        parameter
        for parameter in schema["paths"]["/api/v1/people/"]["get"]["parameters"]
        if parameter["name"] == "search"
    ]

    assert person["rank"]["pattern"] == NO_NUL_PATTERN
    assert search["schema"]["pattern"] == NO_NUL_PATTERN
    assert re.fullmatch(NO_NUL_PATTERN.strip("^$"), "Əliyev")
    assert not re.fullmatch(NO_NUL_PATTERN.strip("^$"), "Əli\x00yev")


def test_the_schema_gives_the_serial_prefix_format_that_the_model_checks():
    prefix = _schema()["components"]["schemas"]["OrganisationRequest"]["properties"][
        "serial_prefix"
    ]
    [pattern] = {item.get("pattern") for item in prefix["oneOf"]} - {None}

    assert re.match(pattern, "JFCBS")
    assert re.match(pattern, "")  # an organisation that issues no certificates
    assert not re.match(pattern, "jfcbs")
    assert not re.match(pattern, "9ABC")


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("https://mod.gov.az/en/news/1234/?page=2", True),
        ("http://x.example.org/a%20b", True),
        ("http://x.example.org/%Go", False),
        ("a:b", False),
        ("https://localhost", False),  # Django accepts it; the schema promises less
    ],
)
def test_the_schema_gives_web_addresses_that_the_server_accepts(address, allowed):
    assert bool(re.match(WEB_ADDRESS_PATTERN, address)) is allowed


def test_a_web_address_with_a_broken_escape_is_refused(api_client_for):
    response = api_client_for("superuser").post(
        "/api/v1/organisations/",
        {
            "slug": "ministry",
            "name_en": "Ministry",
            "kind": "ministry",
            "website": "http://j.example.org/ls(8gyC0%Go",
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"website": [str(PERCENT_ESCAPE_ERROR)]}


def test_the_corrections_of_a_certificate_refuse_unknown_keys_as_the_schema_says(
    api_client_for,
):
    certificate = CertificateFactory()
    corrections = _schema()["components"]["schemas"]["CertificateCorrectionsRequest"]

    response = api_client_for("superuser").post(
        f"/api/v1/certificates/{certificate.pk}/supersede/",
        {"reason": "Typo", "corrections": {"nickname": "Rashad"}},
        format="json",
    )

    assert corrections["additionalProperties"] is False
    assert response.status_code == 400
    assert "nickname" in response.json()["corrections"]["non_field_errors"][0]


def test_an_import_request_without_a_file_answers_the_documented_error_shape(api_client_for):
    course = CourseFactory()
    documented = _schema()["paths"]["/api/v1/courses/{id}/enrolments/import/"]["post"]["responses"][
        "400"
    ]["content"]["application/json"]["schema"]

    response = api_client_for("superuser").post(
        f"/api/v1/courses/{course.pk}/enrolments/import/",
        {"accept_matches": "x"},
        format="multipart",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"file", "accept_matches"}
    assert {"$ref": "#/components/schemas/ValidationError"} in documented["oneOf"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/course-parts/?course=12.0", "/api/v1/reports/programme-figures/?programme=3.0"],
)
def test_an_id_written_as_a_decimal_is_refused(api_client_for, path):
    # Django and DRF read "12.0" as 12; the schema says an id is an integer.
    response = api_client_for("superuser").get(path)

    assert response.status_code == 400
