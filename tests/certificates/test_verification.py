"""The public verification pages: the four states, the lookup, privacy and throttling."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from django_countries.fields import Country

from apps.certificates.models import Certificate
from apps.certificates.services import certificate_revoke, certificate_supersede
from apps.core.dates import DatePrecision, date_text
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    OrganisationFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_throttle_counts")]

LOOKUP = "/verify/"
TITLE_EN = "Logistics Planning in NATO"
TITLE_FR = "Planification logistique à l’OTAN"
PRIVATE_VALUES = ("s.aliyev@example.az", "1988-05-17", "17 May 1988", "Secret Unit 777")


@pytest.fixture
def certificate(private_holder) -> Certificate:
    person = private_holder
    course = CourseFactory(title_en=TITLE_EN, title_fr=TITLE_FR)
    issuer = OrganisationFactory(serial_prefix="TESTCMD", name_en="Test Command")
    return CertificateFactory(
        enrolment=EnrolmentFactory(person=person, course=course, completed=True),
        issued_by=issuer,
        serial="TESTCMD-2026-000500",
    )


@pytest.fixture
def other_certificate(certificate) -> Certificate:
    """Another certificate of the same holder: no page of the first may mention it."""
    course = CourseFactory(title_en="Secret Other Course", title_fr="Autre formation secrète")
    enrolment = EnrolmentFactory(person=certificate.enrolment.person, course=course, completed=True)
    return CertificateFactory(enrolment=enrolment, serial="TESTCMD-2026-000099")


def page(certificate: Certificate) -> str:
    return f"/verify/{certificate.verification_code}/"


def without_form_values(html: str) -> str:
    """The page without what differs between two renderings: CSRF token and typed values."""
    return re.sub(r'value="[^"]*"', 'value=""', html)


def test_a_valid_certificate_shows_as_valid_in_english_and_french(client, certificate):
    response = client.get(page(certificate))
    french = client.get(page(certificate), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    html = response.content.decode()
    assert response.status_code == 200
    assert "Valid certificate" in html
    assert "Attestation valide" in french and "Valid certificate" not in french
    assert TITLE_EN in html
    assert TITLE_FR in html
    assert "Əliyev Şəhriyar Ağa oğlu" in html
    assert "TESTCMD-2026-000500" in html
    assert "2–6 March 2026" in html
    assert "2–6 mars 2026" in html
    assert "noindex" in html
    assert "no-cache" in response.headers["Cache-Control"]


def test_a_verification_page_shows_nothing_beyond_what_the_certificate_prints(
    client, certificate, other_certificate
):
    html = client.get(page(certificate)).content.decode()

    for private in PRIVATE_VALUES:
        assert private not in html
    assert str(certificate.enrolment.person.uid) not in html
    assert str(Country("TR").name) not in html
    assert "Secret Other Course" not in html
    assert other_certificate.serial not in html
    assert other_certificate.verification_code not in html


def test_a_revoked_certificate_shows_its_revocation_date_but_not_the_reason(client, certificate):
    certificate_revoke(certificate=certificate, reason="Secret reason: fraud", user=None)
    revoked_on = timezone.localdate()

    response = client.get(page(certificate))
    french = client.get(f"{page(certificate)}?lang=fr").content.decode()

    html = response.content.decode()
    assert response.status_code == 200
    assert "Revoked certificate" in html
    assert "Attestation révoquée" in french
    assert date_text(revoked_on, DatePrecision.DAY, "en") in html
    assert f"révoquée le {date_text(revoked_on, DatePrecision.DAY, 'fr')}" in french
    assert "Secret reason" not in html
    assert "Valid certificate" not in html


def test_a_superseded_certificate_links_to_the_certificate_that_replaced_it(client, certificate):
    new = certificate_supersede(
        certificate=certificate, reason="Spelling", corrections={"holder_name": "Aliyev S."}
    )

    response = client.get(page(certificate))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Superseded certificate" in html
    assert "Attestation remplacée" in client.get(f"{page(certificate)}?lang=fr").content.decode()
    assert f'href="{page(new)}"' in html
    assert new.serial in html
    assert "Spelling" not in html
    assert "Valid certificate" in client.get(page(new)).content.decode()


def correct_twice(certificate: Certificate) -> tuple[Certificate, Certificate]:
    """000002 → 000004 → 000005: the correction was itself corrected."""
    direct = certificate_supersede(certificate=certificate, reason="Spelling")
    current = certificate_supersede(certificate=direct, reason="Dates")
    return direct, current


def test_a_certificate_corrected_twice_leads_to_the_direct_successor_and_the_current_one(
    client, certificate, django_assert_max_num_queries
):
    direct, current = correct_twice(certificate)

    with django_assert_max_num_queries(2):
        response = client.get(page(certificate))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Superseded certificate" in html
    assert f'href="{page(direct)}">{direct.serial}</a>, which was itself corrected since' in html
    assert f'The current certificate is <a class="serial" href="{page(current)}">' in html
    french = client.get(page(certificate), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f'href="{page(direct)}">{direct.serial}</a>, elle-même rectifiée depuis' in french
    assert f'L’attestation en vigueur est <a class="serial" href="{page(current)}">' in french
    assert "it was revoked" not in html
    assert "Valid certificate" in client.get(page(current)).content.decode()


def test_a_current_certificate_revoked_since_is_said_to_be_revoked(client, certificate):
    direct, current = correct_twice(certificate)
    certificate_revoke(certificate=current, reason="Fraud", user=None)

    html = client.get(page(certificate)).content.decode()

    assert f'href="{page(current)}">{current.serial}</a>, and it was revoked' in html
    french = client.get(page(certificate), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f'href="{page(current)}">{current.serial}</a>, et elle a été révoquée' in french
    assert "Fraud" not in html


@pytest.mark.parametrize(
    "code",
    ["A" * 43, "not%20a%20code!", "x" * 300, "%00", "a/b", "abc/file", "%E2%9C%93"],
)
def test_unknown_and_malformed_codes_get_the_same_404(client, certificate, code):
    reference = client.get(f"/verify/{'B' * 43}/")

    response = client.get(f"/verify/{code}/")

    assert reference.status_code == response.status_code == 404
    assert response.content == reference.content
    assert "No certificate found" in response.content.decode()
    french = client.get(f"/verify/{code}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Aucune attestation trouvée" in french.content.decode()


def test_the_lookup_form_follows_the_visitor_language(client):
    response = client.get(LOOKUP)
    french = client.get(LOOKUP, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content.decode()

    html = response.content.decode()
    assert response.status_code == 200
    assert "Serial number" in html and "Numéro de série" not in html
    assert "Numéro de série" in french and '<html lang="fr">' in french
    assert '<a href="?lang=fr" lang="fr" hreflang="fr">Français</a>' in html
    assert 'method="post"' in html


@pytest.mark.parametrize(
    ("serial", "family_name"),
    [
        ("TESTCMD-2026-000500", "Əliyev"),
        ("  testcmd-2026-000500 ", "  ƏLİYEV "),
        ("TESTCMD-2026-000500", "əliyev"),
        ("TESTCMD-2026-000500", "\tƏliyev\n"),
    ],
)
def test_the_lookup_with_serial_and_family_name_opens_the_verification_page(
    client, certificate, serial, family_name
):
    response = client.post(LOOKUP, {"serial": serial, "family_name": family_name})

    assert response.status_code == 303
    assert response["Location"] == page(certificate)


def test_the_lookup_compares_names_after_unicode_normalisation(client, certificate):
    certificate.holder_family_name = "Müller"  # precomposed ü
    certificate.save(update_fields=["holder_family_name"])

    response = client.post(LOOKUP, {"serial": certificate.serial, "family_name": "MU\u0308LLER"})

    assert response.status_code == 303


def test_the_lookup_treats_turkic_dotted_and_dotless_i_as_one_letter(client, certificate):
    certificate.holder_family_name = "İsmayılov"
    certificate.save(update_fields=["holder_family_name"])

    for typed in ("ISMAYILOV", "ismayilov", "İSMAYILOV"):
        response = client.post(LOOKUP, {"serial": certificate.serial, "family_name": typed})
        assert response.status_code == 303, typed


@pytest.mark.parametrize("typed", ["Aliyev", "ALIYEV", "Алиев", "Aliev", "aliyev"])
def test_the_lookup_finds_the_family_name_however_it_is_typed(client, certificate, typed):
    response = client.post(LOOKUP, {"serial": certificate.serial, "family_name": typed})

    assert response.status_code == 303
    assert response["Location"] == page(certificate)


@pytest.mark.parametrize("typed", ["Aliyeva", "Aliye", "Vəliyev", "Əliyev Şəhriyar"])
def test_the_lookup_wants_the_whole_family_name_not_part_of_it(client, certificate, typed):
    response = client.post(LOOKUP, {"serial": certificate.serial, "family_name": typed})

    assert response.status_code == 200
    assert "No certificate matches" in response.content.decode()


def test_a_wrong_name_and_an_unknown_serial_get_the_same_no_match_answer(client, certificate):
    wrong_name = client.post(LOOKUP, {"serial": certificate.serial, "family_name": "Əliyeva"})
    unknown = client.post(LOOKUP, {"serial": "TESTCMD-2026-000777", "family_name": "Əliyev"})

    assert wrong_name.status_code == unknown.status_code == 200
    assert without_form_values(wrong_name.content.decode()) == without_form_values(
        unknown.content.decode()
    )
    assert "No certificate matches" in wrong_name.content.decode()
    assert certificate.verification_code not in wrong_name.content.decode()
    assert certificate.holder_name not in wrong_name.content.decode()


def test_the_lookup_asks_for_both_fields(client, certificate):
    response = client.post(LOOKUP, {"serial": certificate.serial, "family_name": " "})

    assert response.status_code == 200
    assert "Type both the serial number and the family name" in response.content.decode()
    assert certificate.verification_code not in response.content.decode()


def test_the_lookup_refuses_a_post_without_its_csrf_token(certificate):
    client = Client(enforce_csrf_checks=True)

    response = client.post(LOOKUP, {"serial": certificate.serial, "family_name": "Əliyev"})

    assert response.status_code == 403
