"""The long changelists write each row's selection checkbox and link themselves, as Django
would."""

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList as DjangoChangeList
from django.utils import translation
from django.utils.html import escape

from apps.certificates.models import Certificate
from apps.core.admin import ChangeList, LongChangelistMixin
from apps.enrolments.models import Enrolment
from apps.people.models import Person
from tests.factories import CertificateFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[Person, Enrolment, Certificate], ids=lambda model: model.__name__)
def record(request):
    """A person, an enrolment or a certificate, with a name that must be escaped."""
    certificate = CertificateFactory(
        enrolment__person=PersonFactory(family_name="O'Brien <Əliyev>", given_names="Şəhriyar")
    )
    return {
        Person: certificate.enrolment.person,
        Enrolment: certificate.enrolment,
        Certificate: certificate,
    }[request.param]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_checkbox_is_the_html_django_renders(record, language):
    model = type(record)
    model_admin = admin.site._registry[model]

    with translation.override(language):
        ours = model_admin.action_checkbox(record)
        djangos = admin.ModelAdmin.action_checkbox(model_admin, record)
        named = escape(str(record))

    assert isinstance(model_admin, LongChangelistMixin)
    assert ours == djangos
    assert named in ours


def test_each_row_links_to_the_address_django_gives(record, rf, superuser):
    model_admin = admin.site._registry[type(record)]
    request = rf.get("/")
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)

    assert isinstance(changelist, ChangeList)
    assert changelist.url_for_result(record) == DjangoChangeList.url_for_result(changelist, record)
