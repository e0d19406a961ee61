"""Merging two records of one person: what moves, what history says, what refuses it."""

import datetime
import io
import json

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from apps.accounts.roles import REGISTRAR, VIEWER
from apps.certificates.pdf import certificate_pdf_render
from apps.certificates.services import certificate_pdf_store
from apps.core.records import records_load
from apps.courses.models import CourseTrainer
from apps.enrolments.models import Enrolment
from apps.imports.services import enrolments_import
from apps.people.models import Person, Trainer
from apps.people.services import person_merge
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    CourseTrainerFactory,
    EnrolmentFactory,
    PersonFactory,
    TrainerFactory,
)
from tests.imports.conftest import upload

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"
BORN = datetime.date(1988, 5, 17)


def merge_url(person: Person) -> str:
    return f"{PEOPLE}{person.pk}/merge/"


@pytest.fixture
def kept() -> Person:
    return PersonFactory(family_name="Əliyev", given_names="Rəşad", birth_date=BORN)


@pytest.fixture
def duplicate() -> Person:
    return PersonFactory(family_name="Алиев", given_names="Рашад", birth_date=None)


def test_merging_moves_the_enrolments_and_marks_the_duplicate_merged(kept, duplicate, registrar):
    first = EnrolmentFactory(person=duplicate)
    second = EnrolmentFactory(person=duplicate, completed=True)
    own = EnrolmentFactory(person=kept)

    result = person_merge(person=duplicate, into=kept, user=registrar)

    assert result == kept
    assert set(Enrolment.objects.filter(person=kept)) == {first, second, own}
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert duplicate.merged_at is not None
    assert Person.objects.current().get() == kept  # only the kept one is current


def test_merging_writes_history_on_both_people_and_every_enrolment_moved(
    kept, duplicate, registrar
):
    enrolment = EnrolmentFactory(person=duplicate)

    person_merge(person=duplicate, into=kept, user=registrar)

    merged_row = duplicate.history.latest("history_id")
    assert merged_row.history_change_reason == f"Merged into person {kept.pk} (UID {kept.uid})."
    assert merged_row.history_user == registrar
    assert merged_row.merged_into_id == kept.pk
    kept_row = kept.history.latest("history_id")
    assert kept_row.history_change_reason == (
        f"Person {duplicate.pk} (UID {duplicate.uid}) merged into this one."
    )
    assert kept_row.history_user == registrar
    moved_row = enrolment.history.latest("history_id")
    assert moved_row.person_id == kept.pk
    assert moved_row.history_user == registrar
    assert moved_row.history_change_reason == (
        f"Moved from person {duplicate.pk} to {kept.pk}, merged into it."
    )
    logged = LogEntry.objects.filter(user=registrar).values_list("object_id", flat=True)
    assert set(logged) == {str(kept.pk), str(duplicate.pk)}


def test_a_trainer_profile_moves_to_a_kept_person_without_one(kept, duplicate, registrar):
    profile = TrainerFactory(person=duplicate)
    assignment = CourseTrainerFactory(trainer=profile)

    person_merge(person=duplicate, into=kept, user=registrar)

    profile.refresh_from_db()
    assert profile.person == kept
    assert CourseTrainer.objects.get(pk=assignment.pk).trainer == profile
    assert profile.history.latest("history_id").person_id == kept.pk


def test_when_both_are_trainers_the_assignments_move_to_the_kept_profile(
    kept, duplicate, registrar
):
    kept_profile = TrainerFactory(person=kept, expertise="")
    other_profile = TrainerFactory(person=duplicate, expertise="Logistics planning")
    assignment = CourseTrainerFactory(trainer=other_profile)

    person_merge(person=duplicate, into=kept, user=registrar)

    assert CourseTrainer.objects.get(pk=assignment.pk).trainer == kept_profile
    assert not Trainer.objects.filter(pk=other_profile.pk).exists()
    kept_profile.refresh_from_db()
    assert kept_profile.expertise == "Logistics planning"  # what the kept one lacked
    deletion = Trainer.history.filter(id=other_profile.pk).latest("history_id")
    assert deletion.history_type == "-"
    assert deletion.history_user == registrar
    moved = assignment.history.latest("history_id")
    assert moved.trainer_id == kept_profile.pk


def test_people_merged_earlier_into_the_duplicate_follow_it(kept, duplicate, registrar):
    earlier = PersonFactory(family_name="Aliyev", given_names="Rashad")
    person_merge(person=earlier, into=duplicate, user=registrar)

    person_merge(person=duplicate, into=kept, user=registrar)

    earlier.refresh_from_db()
    assert earlier.merged_into == kept
    assert Person.objects.get_by_natural_key(str(earlier.uid)) == kept


def refusal_codes(error: ValidationError) -> list[str]:
    return [item.code for item in error.error_list]


def assert_nothing_written(*people: Person, history_rows: int) -> None:
    for person in people:
        person.refresh_from_db()
    assert sum(person.history.count() for person in people) == history_rows


def test_a_person_is_not_merged_into_themselves(kept, registrar):
    with pytest.raises(ValidationError) as refusal:
        person_merge(person=kept, into=kept, user=registrar)

    assert refusal_codes(refusal.value) == ["merged_into_itself"]
    assert refusal.value.messages == ["A person cannot be merged into themselves."]
    assert_nothing_written(kept, history_rows=1)


def test_a_person_merged_already_is_not_merged_again(kept, duplicate, registrar):
    third = PersonFactory(family_name="Aliyev", given_names="Rashad")
    person_merge(person=duplicate, into=kept, user=registrar)

    with pytest.raises(ValidationError) as refusal:
        person_merge(person=duplicate, into=third, user=registrar)

    assert refusal_codes(refusal.value) == ["already_merged"]
    assert refusal.value.messages == [f"{duplicate} was already merged into {kept}."]
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept


def test_nobody_is_merged_into_a_merged_person(kept, duplicate, registrar):
    third = PersonFactory(family_name="Aliyev", given_names="Rashad")
    person_merge(person=duplicate, into=kept, user=registrar)

    with pytest.raises(ValidationError) as refusal:
        person_merge(person=third, into=duplicate, user=registrar)

    assert refusal_codes(refusal.value) == ["merge_into_merged"]
    assert refusal.value.messages == [
        f"{duplicate} was merged into {kept}: merge into {kept} instead."
    ]
    third.refresh_from_db()
    assert third.merged_into is None


def test_two_people_enrolled_in_the_same_course_are_not_merged(kept, duplicate, registrar):
    course = CourseFactory(title_en="Logistics Planning in NATO")
    EnrolmentFactory(person=kept, course=course)
    moved_elsewhere = EnrolmentFactory(person=duplicate)
    EnrolmentFactory(person=duplicate, course=course)

    with pytest.raises(ValidationError) as refusal:
        person_merge(person=duplicate, into=kept, user=registrar)

    assert refusal_codes(refusal.value) == ["same_course"]
    assert "Logistics Planning in NATO" in refusal.value.messages[0]
    moved_elsewhere.refresh_from_db()
    assert moved_elsewhere.person == duplicate  # nothing moved
    assert_nothing_written(kept, duplicate, history_rows=2)


def test_two_trainers_of_the_same_course_are_not_merged(kept, duplicate, registrar):
    course = CourseFactory(title_en="Logistics Planning in NATO")
    CourseTrainerFactory(course=course, trainer=TrainerFactory(person=kept))
    CourseTrainerFactory(course=course, trainer=TrainerFactory(person=duplicate))

    with pytest.raises(ValidationError) as refusal:
        person_merge(person=duplicate, into=kept, user=registrar)

    assert refusal_codes(refusal.value) == ["same_course_trainer"]
    assert "Logistics Planning in NATO" in refusal.value.messages[0]
    assert Trainer.objects.filter(person=duplicate).exists()


def test_the_database_refuses_a_person_merged_into_themselves(kept):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=kept.pk).update(merged_into=kept, merged_at=timezone.now())


def test_the_registrar_role_may_merge_and_the_viewer_role_may_not():
    assert Group.objects.get(name=REGISTRAR).permissions.filter(codename="merge_person").exists()
    assert not Group.objects.get(name=VIEWER).permissions.filter(codename="merge_person").exists()


# The UID of a merged person still names someone: the person kept.


def test_the_merged_uid_resolves_to_the_kept_person_by_natural_key(kept, duplicate, registrar):
    enrolment = EnrolmentFactory(person=duplicate)
    TrainerFactory(person=duplicate)
    person_merge(person=duplicate, into=kept, user=registrar)

    assert Person.objects.get_by_natural_key(str(duplicate.uid)) == kept
    assert Person.objects.get_by_natural_key(str(kept.uid)) == kept
    assert Person.objects.get_exact_by_natural_key(str(duplicate.uid)) == duplicate
    assert Trainer.objects.get_by_natural_key(str(duplicate.uid)).person == kept
    assert (
        Enrolment.objects.get_by_natural_key(enrolment.course.slug, str(duplicate.uid)) == enrolment
    )


def test_a_kept_person_with_several_merged_into_them_is_found_once(kept, registrar):
    for given_names in ("Rashad", "Rashid"):
        person_merge(person=PersonFactory(given_names=given_names), into=kept, user=registrar)

    assert Person.objects.get_by_natural_key(str(kept.uid)) == kept


def write_records(tmp_path, records: list[dict]) -> list:
    path = tmp_path / "records.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return [path]


def test_loaded_records_referring_to_a_merged_uid_land_on_the_kept_person(
    tmp_path, kept, duplicate, registrar
):
    person_merge(person=duplicate, into=kept, user=registrar)
    course = CourseFactory()
    paths = write_records(
        tmp_path,
        [
            {
                "model": "enrolments.enrolment",
                "fields": {
                    "course": [course.slug],
                    "person": [str(duplicate.uid)],
                    "status": "nominated",
                },
            }
        ],
    )

    report = records_load(paths=paths)

    assert report.errors == []
    assert Enrolment.objects.get(course=course).person == kept


def test_loading_a_merged_person_s_own_record_changes_that_record_only(
    tmp_path, kept, duplicate, registrar
):
    person_merge(person=duplicate, into=kept, user=registrar)
    paths = write_records(
        tmp_path,
        [
            {
                "model": "people.person",
                "fields": {"uid": str(duplicate.uid), "family_name": "Aliev", "rank": "Colonel"},
            }
        ],
    )

    report = records_load(paths=paths)

    assert report.errors == []
    duplicate.refresh_from_db()
    kept.refresh_from_db()
    assert (duplicate.family_name, duplicate.rank, duplicate.merged_into) == (
        "Aliev",
        "Colonel",
        kept,
    )
    assert kept.family_name == "Əliyev"


def test_the_api_answers_the_kept_person_for_a_merged_id(
    api_client_for, kept, duplicate, registrar
):
    person_merge(person=duplicate, into=kept, user=registrar)

    response = api_client_for("viewer").get(f"{PEOPLE}{duplicate.pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == kept.pk
    assert response.json()["uid"] == str(kept.uid)
    assert response.json()["merged_into"] is None


def test_the_api_lists_current_people_unless_asked_for_merged_ones(
    api_client_for, kept, duplicate, registrar
):
    person_merge(person=duplicate, into=kept, user=registrar)
    client = api_client_for("viewer")

    current = client.get(PEOPLE).json()["results"]
    merged = client.get(PEOPLE, {"merged": "true"}).json()["results"]
    by_uid = client.get(PEOPLE, {"uid": str(duplicate.uid)}).json()["results"]

    assert [person["id"] for person in current] == [kept.pk]
    assert [(person["id"], person["merged_into"]) for person in merged] == [(duplicate.pk, kept.pk)]
    assert [person["id"] for person in by_uid] == [kept.pk]


def test_an_import_matches_a_merged_uid_to_the_kept_person(kept, duplicate, registrar):
    person_merge(person=duplicate, into=kept, user=registrar)
    course = CourseFactory()

    report = enrolments_import(
        course=course, upload=upload(f"uid,grade\n{duplicate.uid},Colonel\n"), dry_run=False
    )

    assert report.rows[0].match_reason == "uid"
    assert Enrolment.objects.get(course=course).person == kept


def test_an_import_never_matches_a_merged_person_by_name(registrar):
    kept = PersonFactory(family_name="Quliyev", given_names="Kamran", birth_date=None)
    merged = PersonFactory(family_name="Гулиев", given_names="Камран", birth_date=BORN)
    person_merge(person=merged, into=kept, user=registrar)
    course = CourseFactory()

    report = enrolments_import(
        course=course,
        upload=upload("family name,given names,birth date\nQuliyev,Kamran,1988-05-17\n"),
        dry_run=False,
    )

    # The merged record's birth date would have matched; the kept one has none to compare.
    assert report.rows[0].person == "new"
    assert Enrolment.objects.get(course=course).person not in (kept, merged)


def test_the_api_enrols_no_merged_person(api_client_for, kept, duplicate, registrar):
    person_merge(person=duplicate, into=kept, user=registrar)
    course = CourseFactory()

    response = api_client_for("registrar").post(
        "/api/v1/enrolments/", {"course": course.pk, "person": duplicate.pk}, format="json"
    )

    assert response.status_code == 400
    assert "person" in response.json()
    assert not Enrolment.objects.filter(course=course).exists()


# The API's merge action.


def test_the_api_merges_and_answers_the_kept_person(api_client_for, kept, duplicate):
    enrolment = EnrolmentFactory(person=duplicate)

    response = api_client_for("registrar").post(
        merge_url(duplicate), {"into": kept.pk}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["id"] == kept.pk
    assert response.json()["full_name"] == "Əliyev Rəşad"
    enrolment.refresh_from_db()
    assert enrolment.person == kept
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept


def test_the_api_refuses_a_merge_with_its_reason(api_client_for, kept, duplicate):
    course = CourseFactory(title_en="Logistics Planning in NATO")
    EnrolmentFactory(person=kept, course=course)
    EnrolmentFactory(person=duplicate, course=course)

    response = api_client_for("registrar").post(
        merge_url(duplicate), {"into": kept.pk}, format="json"
    )

    assert response.status_code == 400
    (message,) = response.json()["non_field_errors"]
    assert message.startswith("Both people are enrolled in the same course (Logistics Planning")
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "into"), ({"into": 999999}, "into"), ({"into": "x"}, "into")],
)
def test_the_api_refuses_a_merge_into_nobody(api_client_for, duplicate, body, field):
    response = api_client_for("registrar").post(merge_url(duplicate), body, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_the_api_refuses_a_merge_into_oneself(api_client_for, kept):
    response = api_client_for("registrar").post(merge_url(kept), {"into": kept.pk}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["A person cannot be merged into themselves."]}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 401),
        ("stranger", 403),
        ("viewer", 403),
        ("registrar", 200),
        ("superuser", 200),
    ],
)
def test_merging_needs_the_merge_permission(api_client_for, kept, duplicate, role, expected):
    response = api_client_for(role).post(merge_url(duplicate), {"into": kept.pk}, format="json")

    assert response.status_code == expected
    duplicate.refresh_from_db()
    assert (duplicate.merged_into == kept) == (expected == 200)


# The admin: an action for two selected people, then a confirmation page.


def test_the_admin_action_needs_exactly_two_people(client, registrar, kept):
    client.force_login(registrar)

    response = client.post(
        reverse("admin:people_person_changelist"),
        {"action": "merge_selected", "_selected_action": [kept.pk]},
        follow=True,
    )

    assert "Select exactly two people to merge." in response.content.decode()


def test_the_admin_shows_both_people_side_by_side_then_merges(client, registrar, kept, duplicate):
    EnrolmentFactory(person=duplicate, course=CourseFactory(title_en="Logistics Planning in NATO"))
    client.force_login(registrar)

    response = client.post(
        reverse("admin:people_person_changelist"),
        {"action": "merge_selected", "_selected_action": [kept.pk, duplicate.pk]},
        follow=True,
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Merge two people" in page
    assert str(kept.uid) in page and str(duplicate.uid) in page
    assert "Logistics Planning in NATO" in page

    response = client.post(
        reverse("admin:people_person_merge"),
        {"people": f"{kept.pk},{duplicate.pk}", "keep": kept.pk},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:people_person_change", args=[kept.pk])
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    assert Enrolment.objects.get().person == kept


def test_the_admin_says_why_a_merge_is_refused(client, registrar, kept, duplicate):
    course = CourseFactory(title_en="Logistics Planning in NATO")
    EnrolmentFactory(person=kept, course=course)
    EnrolmentFactory(person=duplicate, course=course)
    client.force_login(registrar)

    response = client.post(
        reverse("admin:people_person_merge"),
        {"people": f"{kept.pk},{duplicate.pk}", "keep": duplicate.pk},
    )

    assert response.status_code == 200
    assert "Both people are enrolled in the same course" in response.content.decode()
    kept.refresh_from_db()
    assert kept.merged_into is None


def test_the_admin_merge_page_is_refused_without_the_merge_permission(client, kept, duplicate):
    user = Group.objects.get(name=VIEWER).user_set.create(username="staff-viewer", is_staff=True)
    client.force_login(user)

    response = client.get(
        reverse("admin:people_person_merge"), {"people": f"{kept.pk},{duplicate.pk}"}
    )

    assert response.status_code == 403


def test_the_admin_autocomplete_offers_no_merged_person(client, registrar, kept, duplicate):
    person_merge(person=duplicate, into=kept, user=registrar)
    client.force_login(registrar)

    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Aliyev",
            "app_label": "enrolments",
            "model_name": "enrolment",
            "field_name": "person",
        },
    )

    assert [result["id"] for result in response.json()["results"]] == [str(kept.pk)]


# Certificates are frozen: the merge changes nothing they print or answer.


def pdf_text(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def test_a_merged_person_s_certificate_prints_and_verifies_as_before(
    api_client, kept, duplicate, registrar
):
    certificate = CertificateFactory(enrolment=EnrolmentFactory(person=duplicate, completed=True))
    certificate_pdf_store(certificate=certificate)
    certificate.refresh_from_db()
    stored = certificate.pdf.read()
    rendered_before = pdf_text(certificate_pdf_render(certificate))
    cache.clear()  # the verification throttle counts in the cache
    verification = f"/api/v1/verify/{certificate.verification_code}/"
    answer_before = api_client.get(verification).json()

    person_merge(person=duplicate, into=kept, user=registrar)

    certificate.refresh_from_db()
    assert certificate.holder_name == "Алиев Рашад"
    assert certificate.enrolment.person == kept
    assert pdf_text(certificate_pdf_render(certificate)) == rendered_before
    assert "Алиев Рашад" in rendered_before
    assert certificate.pdf.read() == stored
    assert api_client.get(verification).json() == answer_before
    assert answer_before["state"] == "valid"


# The command.


def test_the_command_merges_by_id_or_uid(kept, duplicate):
    enrolment = EnrolmentFactory(person=duplicate)
    out = io.StringIO()

    call_command("merge_people", str(duplicate.uid), str(kept.pk), stdout=out)

    assert f"merged into {kept} (UID {kept.uid})" in out.getvalue()
    enrolment.refresh_from_db()
    assert enrolment.person == kept
    assert duplicate.history.latest("history_id").history_user is None


def test_the_command_exits_non_zero_with_the_reason(kept):
    err = io.StringIO()

    with pytest.raises(CommandError, match="was not merged; nothing was changed"):
        call_command("merge_people", str(kept.pk), str(kept.pk), stderr=err)

    assert "Refused: A person cannot be merged into themselves." in err.getvalue()


@pytest.mark.parametrize("value", ["999999", "not-a-uid", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"])
def test_the_command_names_what_it_cannot_find(kept, value):
    with pytest.raises(CommandError, match=r"(No person has|Not an id or a UID)"):
        call_command("merge_people", value, str(kept.pk))


def test_loaddata_of_a_merged_person_s_own_record_changes_that_record_only(
    tmp_path, kept, duplicate, registrar
):
    person_merge(person=duplicate, into=kept, user=registrar)
    path = tmp_path / "people.json"
    path.write_text(
        serializers.serialize(
            "json",
            [Person.objects.get(pk=duplicate.pk)],
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        ).replace('"rank": "Major"', '"rank": "Colonel"'),
        encoding="utf-8",
    )

    call_command("loaddata", str(path), verbosity=0)

    duplicate.refresh_from_db()
    kept.refresh_from_db()
    assert (duplicate.rank, duplicate.merged_into) == ("Colonel", kept)
    assert kept.rank == "Major"
