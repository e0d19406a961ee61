"""Every admin page opens, finds what it should and links records to each other."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.certificates.models import Certificate, SerialCounter
from apps.courses.models import Course
from apps.imports.models import ImportBatch
from apps.organisations.models import Organisation
from apps.programmes.models import Programme
from apps.sources.models import Source
from tests.admin.conftest import LINKED_RECORD
from tests.factories import CourseFactory, CoursePartFactory, TrainerFactory

REGISTERED_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
OUR_MODELS = [model for model in REGISTERED_MODELS if model.__module__.startswith("apps.")]
# Made only by a service (certificates are issued from a course): the admin has no add page.
NO_ADD_PAGE = {Certificate, SerialCounter, ImportBatch}


def add_page_status(model: type[models.Model]) -> int:
    return 403 if model in NO_ADD_PAGE else 200


def admin_url(model: type[models.Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def model_id(model: type[models.Model]) -> str:
    return model._meta.label


def test_every_model_of_our_apps_is_in_the_admin_or_edited_inline():
    ours = {
        model
        for model in apps.get_models()
        if model.__module__.startswith("apps.")
        and not hasattr(model, "instance_type")
        and model._meta.managed
    }  # instance_type marks django-simple-history's historical models; an unmanaged model
    # (reports.Report) has no table, only a permission
    inline = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    assert ours - set(OUR_MODELS) - inline == set()
    assert set(OUR_MODELS) <= ours


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_id)
def test_changelist_add_and_change_pages_open_with_a_record_of_each_model(
    admin_client, every_model, model
):
    record = model._default_manager.order_by("pk").first()
    assert record is not None, f"every_model builds no {model._meta.label}"

    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == add_page_status(model)
    response = admin_client.get(admin_url(model, "change", record.pk))
    assert response.status_code == 200
    assert str(record) in response.content.decode()


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_id)
def test_changelist_and_add_page_open_with_the_seed(admin_client, seed, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == add_page_status(model)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_id)
def test_every_seed_record_opens_in_the_admin(admin_client, seed, model):
    for record in model._default_manager.all():
        response = admin_client.get(admin_url(model, "change", record.pk))
        assert response.status_code == 200, f"{model._meta.label} {record.pk}"


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_id)
def test_changelist_search_answers(admin_client, every_model, seed, model):
    response = admin_client.get(admin_url(model, "changelist"), {"q": "Baku"})
    assert response.status_code == 200
    assert "cl" in response.context


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=model_id)
def test_every_changelist_filter_choice_answers(admin_client, every_model, model):
    changelist_url = admin_url(model, "changelist")
    changelist = admin_client.get(changelist_url).context["cl"]
    query_strings = [
        choice["query_string"]
        for spec in changelist.filter_specs
        for choice in spec.choices(changelist)
    ]
    assert query_strings or not admin.site._registry[model].list_filter
    for query_string in query_strings:
        assert admin_client.get(changelist_url + query_string).status_code == 200, query_string


@pytest.mark.parametrize("model", OUR_MODELS, ids=model_id)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model):
    build = LINKED_RECORD[model]
    url = admin_url(model, "changelist")
    build()
    admin_client.get(url)
    with CaptureQueriesContext(connection) as one_row:
        assert admin_client.get(url).status_code == 200
    for _ in range(4):
        build()
    with CaptureQueriesContext(connection) as five_rows:
        response = admin_client.get(url)
    assert response.context["cl"].result_count >= 5
    assert len(five_rows) == len(one_row), [query["sql"] for query in five_rows]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_course_and_programme_search_covers_both_languages(admin_client, seed, language):
    course = Course.objects.get()
    for record in (course, course.programme):
        response = admin_client.get(
            admin_url(type(record), "changelist"), {"q": getattr(record, f"title_{language}")}
        )
        assert list(response.context["cl"].result_list) == [record]


def test_course_changelist_drills_down_by_start_year(admin_client, seed):
    year = Course.objects.get().start_date.year
    url = admin_url(Course, "changelist")
    assert admin_client.get(url, {"start_date__year": year}).context["cl"].result_count == 1
    assert admin_client.get(url, {"start_date__year": year - 1}).context["cl"].result_count == 0


def test_course_changelist_shows_dates_as_far_as_known_and_links_the_programme(admin_client, seed):
    course = Course.objects.get()
    response = admin_client.get(admin_url(Course, "changelist"))
    content = response.content.decode()
    assert f'<td class="field-start">{course.start_display}</td>' in content
    assert f'href="{admin_url(Programme, "change", course.programme_id)}"' in content
    assert f'href="{admin_url(Organisation, "change", course.delivered_by_id)}"' in content


def test_enrolment_changelist_links_to_person_and_course(admin_client, every_model):
    enrolment = every_model["enrolment"]
    content = admin_client.get(admin_url(type(enrolment), "changelist")).content.decode()
    assert f'href="{enrolment.person.get_absolute_url()}"' in content
    assert f'href="{enrolment.course.get_absolute_url()}"' in content


def test_course_page_edits_both_languages_and_dates_with_their_precision(admin_client, seed):
    course = Course.objects.get()
    content = admin_client.get(admin_url(Course, "change", course.pk)).content.decode()
    for field in ("title_en", "title_fr", "summary_en", "summary_fr", "outcome_en", "outcome_fr"):
        assert f'name="{field}"' in content, field
    assert ">English</h2>" in content
    assert ">French</h2>" in content
    assert 'class="form-row field-start_date field-start_precision"' in content
    assert 'class="form-row field-end_date field-end_precision"' in content


def inline_formsets(response) -> dict:
    return {item.formset.prefix: item.formset for item in response.context["inline_admin_formsets"]}


def test_course_page_lists_its_parts_by_position(admin_client, db):
    course = CourseFactory()
    for position in (3, 1, 2):
        CoursePartFactory(course=course, position=position)
    response = admin_client.get(admin_url(Course, "change", course.pk))
    parts = inline_formsets(response)["parts"]
    assert [form.instance.position for form in parts.forms] == [1, 2, 3]


def test_course_page_shows_trainers_enrolments_and_supporting_sources(admin_client, seed):
    course = Course.objects.get()
    formsets = inline_formsets(admin_client.get(admin_url(Course, "change", course.pk)))
    assert {"parts", "trainer_roles", "enrolments", "source_links"} <= set(formsets)
    shown = {form.instance.source for form in formsets["source_links"].forms}
    assert shown == set(course.sources.all())
    assert shown


def test_programme_page_lists_its_courses_with_links_and_its_sources(admin_client, seed):
    programme = Programme.objects.get()
    course = programme.courses.get()
    content = admin_client.get(admin_url(Programme, "change", programme.pk)).content.decode()
    assert course.title_en in content
    assert f'href="{course.get_absolute_url()}"' in content
    for source in programme.sources.all():
        assert f'value="{source.pk}" selected' in content


def test_organisation_page_lists_its_units(admin_client, seed):
    unit = Organisation.objects.filter(parent__isnull=False).first()
    content = admin_client.get(unit.parent.get_absolute_url()).content.decode()
    assert unit.name_en in content
    assert f'href="{unit.get_absolute_url()}"' in content


def test_source_page_shows_the_reporting_chain_with_links(admin_client, seed):
    chain = max((source.reporting_chain for source in Source.objects.all()), key=len)
    assert len(chain) >= 3
    content = admin_client.get(chain[0].get_absolute_url()).content.decode()
    for source in chain:
        assert f'href="{source.get_absolute_url()}"' in content


def test_person_page_shows_trainer_profile_and_enrolments(admin_client, every_model):
    enrolment = every_model["enrolment"]
    TrainerFactory(person=enrolment.person)
    response = admin_client.get(enrolment.person.get_absolute_url())
    formsets = inline_formsets(response)
    assert set(formsets) == {"trainer_profile", "enrolments"}
    assert formsets["trainer_profile"].max_num == 1
    assert len(formsets["trainer_profile"].forms) == 1
    assert f'href="{enrolment.get_absolute_url()}"' in response.content.decode()


def test_enrolment_page_lists_its_certificate(admin_client, every_model):
    certificate = every_model["certificate"]
    content = admin_client.get(certificate.enrolment.get_absolute_url()).content.decode()
    assert f'href="{certificate.get_absolute_url()}"' in content
    assert certificate.serial in content


def test_superuser_cannot_delete_an_organisation_a_programme_rests_on(admin_client, every_model):
    partner = every_model["programme"].partner
    response = admin_client.post(admin_url(Organisation, "delete", partner.pk), {"post": "yes"})
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )
    assert Organisation.objects.filter(pk=partner.pk).exists()


def test_superuser_can_delete_an_organisation_nothing_rests_on(admin_client, db):
    lone = Organisation.objects.create(slug="lone", name_en="Lone body", kind="other")
    response = admin_client.post(admin_url(Organisation, "delete", lone.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=lone.pk).exists()
