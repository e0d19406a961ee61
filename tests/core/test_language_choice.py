"""The language of a request: ?lang=, then the switch's cookie, then Accept-Language."""

import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from rest_framework.exceptions import NotFound

from apps.courses.models import Course
from tests.factories import CertificateFactory, CourseFactory

COURSES = "/api/v1/courses/"


@pytest.mark.django_db
def test_admin_login_follows_the_browser_language_and_offers_the_switch(client):
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")

    html = response.content.decode()
    assert response["Content-Language"] == "fr"
    assert "Nom d’utilisateur" in html
    assert 'action="/i18n/setlang/"' in html
    assert '<button type="submit" name="language" value="en" lang="en">English</button>' in html
    assert 'value="fr" lang="fr" aria-current="true" disabled>Français</button>' in html
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


@pytest.mark.django_db
def test_switch_remembers_the_choice_in_a_cookie_over_the_browser_language(admin_client):
    chosen = admin_client.post(
        reverse("set_language"),
        {"language": "fr", "next": reverse("admin:index")},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert chosen.status_code == 302 and chosen["Location"] == reverse("admin:index")
    assert admin_client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "fr"
    assert "Déconnexion" in page.content.decode()


@pytest.mark.django_db
def test_query_parameter_overrides_cookie_and_browser_language(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    english = admin_client.get(f"{reverse('admin:index')}?lang=en", HTTP_ACCEPT_LANGUAGE="fr")

    assert english["Content-Language"] == "en"
    assert "Log out" in english.content.decode()
    # The switch sends the visitor back without ?lang=, which would undo the choice.
    assert 'name="next" value="/admin/"' in english.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["xx", "", "fr%00", "../../etc"])
def test_unknown_language_parameter_is_ignored(client, value):
    response = client.get(f"{reverse('admin:login')}?lang={value}", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
def test_two_factor_page_has_the_switch(client, superuser):
    client.force_login(superuser)

    page = client.get(reverse("two-factor-setup"), HTTP_ACCEPT_LANGUAGE="fr")

    assert page.status_code == 200
    assert 'class="language-switch"' in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "headers"),
    [("?lang=fr", {"HTTP_ACCEPT_LANGUAGE": "en"}), ("", {"HTTP_ACCEPT_LANGUAGE": "fr"})],
)
def test_api_not_found_answers_in_french(superuser, client, query, headers):
    client.force_login(superuser)

    response = client.get(f"{COURSES}999999/{query}", **headers)

    assert response.status_code == 404
    with translation.override("fr"):
        course = str(Course._meta.verbose_name)
    assert response.json() == {
        "detail": f"Aucun enregistrement de type « {course} » ne correspond à la requête."
    }
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
def test_api_unknown_address_answers_in_french(client):
    response = client.get("/api/v1/no-such-resource/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 404
    with translation.override("fr"):
        french = str(NotFound.default_detail)
    assert french != "Not found."
    assert response.json() == {"detail": french}


@pytest.mark.django_db
def test_api_validation_error_answers_in_french(superuser, client):
    client.force_login(superuser)
    course = CourseFactory()

    response = client.patch(
        f"{COURSES}{course.pk}/?lang=fr",
        {"title_en": ""},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response.json()["title_en"] == ["Ce champ ne peut être vide."]


@pytest.mark.django_db
def test_our_own_api_refusal_answers_in_french(client):
    response = client.get(
        "/api/v1/organisations/?ordering=-nmae&lang=fr", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 400
    [message] = response.json()["ordering"]
    assert message.startswith("Impossible de trier par -nmae. Triez par un ou plusieurs des")


@pytest.mark.django_db
def test_load_records_reports_in_french(tmp_path):
    fixture = tmp_path / "empty.json"
    fixture.write_text("[]")
    output = StringIO()

    with translation.override("fr"):
        call_command("load_records", str(fixture), "--dry-run", stdout=output)

    assert output.getvalue().startswith(
        "Enregistrements qui seraient créés, modifiés et laissés inchangés\u00a0:"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"), [("?lang=fr", "29 novembre 2026"), ("", "29 November 2026")]
)
def test_admin_writes_dates_in_the_language_own_format(admin_client, query, expected):
    certificate = CertificateFactory(issued_on=datetime.date(2026, 11, 29))

    page = admin_client.get(f"/admin/certificates/certificate/{certificate.pk}/change/{query}")

    assert page.status_code == 200
    assert expected in page.content.decode()
