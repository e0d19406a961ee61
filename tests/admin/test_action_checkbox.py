"""The long changelists write each row's selection checkbox and link themselves, as Django
would."""

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList as DjangoChangeList
from django.utils import translation
from django.utils.html import escape

from apps.certificates.models import Certificate
from apps.core.admin import ActionCheckboxMixin, ChangeList
from apps.enrolments.models import Enrolment
from apps.people.models import Person
from tests.factories import CertificateFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("model", [Person, Enrolment, Certificate], ids=lambda m: m.__name__)
def test_the_checkbox_is_the_html_django_renders(model, language):
    certificate = CertificateFactory(
        enrolment__person=PersonFactory(family_name="O'Brien <Əliyev>", given_names="Şəhriyar")
    )
    record = {
        Person: certificate.enrolment.person,
        Enrolment: certificate.enrolment,
        Certificate: certificate,
    }[model]
    model_admin = admin.site._registry[model]

    with translation.override(language):
        ours = model_admin.action_checkbox(record)
        djangos = admin.ModelAdmin.action_checkbox(model_admin, record)
        named = escape(str(record))

    assert isinstance(model_admin, ActionCheckboxMixin)
    assert ours == djangos
    assert named in ours


@pytest.mark.parametrize("model", [Person, Enrolment, Certificate], ids=lambda m: m.__name__)
def test_each_row_links_to_the_address_django_gives(model, rf, superuser):
    certificate = CertificateFactory()
    record = {
        Person: certificate.enrolment.person,
        Enrolment: certificate.enrolment,
        Certificate: certificate,
    }[model]
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)

    assert isinstance(changelist, ChangeList)
    assert changelist.url_for_result(record) == DjangoChangeList.url_for_result(changelist, record)
