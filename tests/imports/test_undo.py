import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.imports.models import ImportBatch, ImportBatchStatus
from apps.imports.services import enrolments_import
from apps.imports.undo import import_batch_undo
from apps.people.models import Person
from tests.factories import (
    CertificateFactory,
    CourseFactory,
    EnrolmentFactory,
    ImportBatchFactory,
    PersonFactory,
    TrainerFactory,
    UserFactory,
)
from tests.imports.conftest import data_file, upload


def state() -> dict[str, list[dict]]:
    """Every person and enrolment as stored, but for the time of its last write."""
    return {
        "people": list(Person.objects.order_by("pk").values()),
        "enrolments": list(Enrolment.objects.order_by("pk").values()),
    }


def without_write_times(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {
        name: [{k: v for k, v in row.items() if k != "updated_at"} for row in records]
        for name, records in rows.items()
    }


def applied(course, name: str, user=None) -> ImportBatch:
    report = enrolments_import(course=course, upload=data_file(name), dry_run=False, user=user)
    assert report.errors == []
    return ImportBatch.objects.get(pk=report.batch_id)


def codes(error: ValidationError) -> list[str]:
    return [problem.code for problem in error.error_list]


def test_undoing_a_nomination_list_restores_exactly_the_state_before(course, registrar):
    already = EnrolmentFactory(course=course, person=PersonFactory(family_name="Hüseynov"))
    EnrolmentFactory()  # another course's
    before = state()
    batch = applied(course, "nomination_baku.csv", registrar)
    assert Person.objects.count() == 32

    report = import_batch_undo(batch=batch, user=registrar)

    assert state() == before
    assert report.counts == {
        "people_deleted": 30,
        "people_restored": 0,
        "enrolments_deleted": 30,
        "enrolments_restored": 0,
    }
    batch.refresh_from_db()
    assert batch.status == ImportBatchStatus.UNDONE and batch.undone_by == registrar
    assert batch.undone_at is not None
    # History stays complete: a deletion row for every record the batch created.
    deleted = Person.history.filter(history_type="-", history_change_reason=batch.undo_reason)
    assert deleted.count() == 30 and {row.history_user for row in deleted} == {registrar}
    assert (
        Enrolment.history.filter(history_type="-", history_change_reason=batch.undo_reason).count()
        == 30
    )
    assert Enrolment.objects.filter(pk=already.pk).exists()


def test_undoing_an_attendance_sheet_restores_the_statuses_before(course):
    applied(course, "nomination_baku.csv")
    before = state()
    attendance = applied(course, "attendance_baku.csv")
    assert Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED).exists()

    report = import_batch_undo(batch=attendance, user=None)

    assert without_write_times(state()) == without_write_times(before)
    assert report.counts["enrolments_restored"] == 6 and report.counts["enrolments_deleted"] == 0
    rashad = next(r for r in report.records if "Əliyev" in r.name)
    assert rashad.fields == ["status", "completed_on", "result"]
    assert not Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED).exists()
    assert (
        Enrolment.history.filter(history_type="~", history_change_reason=attendance.undo_reason)
        .values("id")
        .distinct()
        .count()
        == 6
    )


def test_the_earlier_import_can_be_undone_once_the_later_one_is(course):
    nomination = applied(course, "nomination_baku.csv")
    attendance = applied(course, "attendance_baku.csv")
    import_batch_undo(batch=attendance, user=None)

    import_batch_undo(batch=nomination, user=None)

    assert Person.objects.count() == 0 and Enrolment.objects.count() == 0


def test_the_earlier_import_is_refused_while_the_later_one_stands(course):
    nomination = applied(course, "nomination_baku.csv")
    applied(course, "attendance_baku.csv")

    with pytest.raises(ValidationError) as refused:
        import_batch_undo(batch=nomination, user=None)

    assert set(codes(refused.value)) == {"changed_since"}
    assert len(refused.value.messages) == 6
    assert Enrolment.objects.count() == 30
    nomination.refresh_from_db()
    assert nomination.status == ImportBatchStatus.APPLIED


def test_an_enrolment_edited_after_the_import_refuses_the_undo_naming_it(course):
    batch = applied(course, "nomination_baku.csv")
    enrolment = Enrolment.objects.get(person__family_name="Əliyev")
    enrolment.result = "Edited by hand"
    enrolment.save()
    before = state()

    with pytest.raises(ValidationError) as refused:
        import_batch_undo(batch=batch, user=None)

    assert codes(refused.value) == ["changed_since"]
    (message,) = refused.value.messages
    assert message.startswith("Enrolment “") and "Əliyev" in message
    assert str(enrolment.person.uid) in message
    assert state() == before
    assert not Enrolment.history.filter(history_change_reason=batch.undo_reason).exists()
    batch.refresh_from_db()
    assert batch.status == ImportBatchStatus.APPLIED and batch.undone_at is None


def test_every_record_in_the_way_is_named_not_only_the_first(course):
    batch = applied(course, "nomination_baku.csv")
    for person in Person.objects.order_by("pk")[:3]:
        person.rank = "General"
        person.save()

    with pytest.raises(ValidationError) as refused:
        import_batch_undo(batch=batch, user=None)

    assert codes(refused.value) == ["changed_since"] * 3
    assert all(message.startswith("Person “") for message in refused.value.messages)
    assert Person.objects.count() == 30


def test_an_enrolment_holding_a_certificate_is_never_removed(course):
    batch = applied(course, "nomination_baku.csv")
    enrolment = Enrolment.objects.get(person__family_name="Əliyev")
    # Completed by hand this time: the certificate is what must stop the undo.
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status=EnrolmentStatus.COMPLETED, completed_on=datetime.date(2026, 3, 6)
    )
    certificate = CertificateFactory(enrolment=enrolment)

    with pytest.raises(ValidationError) as refused:
        import_batch_undo(batch=batch, user=None)

    assert codes(refused.value) == ["certified"]
    assert certificate.serial in refused.value.messages[0]
    assert Enrolment.objects.filter(pk=enrolment.pk).exists() and Enrolment.objects.count() == 30


def test_a_certified_enrolment_the_attendance_sheet_completed_keeps_its_status(course):
    applied(course, "nomination_baku.csv")
    attendance = applied(course, "attendance_baku.csv")
    enrolment = Enrolment.objects.get(person__family_name="Əliyev")
    CertificateFactory(enrolment=enrolment)

    with pytest.raises(ValidationError) as refused:
        import_batch_undo(batch=attendance, user=None)

    assert codes(refused.value) == ["certified"]
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_a_person_created_by_the_import_and_enrolled_elsewhere_is_kept(course):
    batch = applied(course, "nomination_baku.csv")
    person = Person.objects.get(family_name="Əliyev")
    other = EnrolmentFactory(person=person, course=CourseFactory(slug="another-course"))
    TrainerFactory(person=Person.objects.get(family_name="Джафаров"))

    with pytest.raises(ValidationError) as refused:
        import_batch_undo(batch=batch, user=None)

    assert codes(refused.value) == ["person_in_use", "person_in_use"]
    assert any(other.course.title in message for message in refused.value.messages)
    assert any("a trainer" in message for message in refused.value.messages)
    assert Person.objects.count() == 30 and Enrolment.objects.count() == 31


def test_a_person_matched_by_the_import_gets_back_their_values(course):
    person = PersonFactory(
        family_name="Əliyev", given_names="Rəşad", birth_date=datetime.date(1984, 3, 14)
    )
    person.rank = "Captain"
    person.save()
    before = state()
    batch = enrolments_import(
        course=course,
        upload=upload("family name,given names,birth date,rank\nAliyev,Rashad,1984-03-14,Major\n"),
        dry_run=False,
    ).batch_id

    report = import_batch_undo(batch=ImportBatch.objects.get(pk=batch), user=None)

    assert without_write_times(state()) == without_write_times(before)
    person.refresh_from_db()
    assert person.rank == "Captain"
    assert [(r.model, r.action, r.fields) for r in report.records] == [
        ("people.Person", "restored", ["rank"]),
        ("enrolments.Enrolment", "deleted", []),
    ]


def test_undoing_twice_is_refused(course, registrar):
    batch = applied(course, "nomination_baku.csv")
    import_batch_undo(batch=batch, user=registrar)
    history = Person.history.count() + Enrolment.history.count()

    with pytest.raises(ValidationError) as refused:
        import_batch_undo(batch=batch, user=registrar)

    assert codes(refused.value) == ["already_undone"]
    assert Person.history.count() + Enrolment.history.count() == history
    assert Person.objects.count() == 0


def undo_url(batch: ImportBatch) -> str:
    return f"/api/v1/import-batches/{batch.pk}/undo/"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 401), ("viewer", 403), ("registrar", 200), ("superuser", 200)],
)
def test_who_may_undo_an_import(api_client_for, course, role, expected):
    batch = applied(course, "nomination_baku.csv")

    response = api_client_for(role).post(undo_url(batch))

    assert response.status_code == expected
    assert Enrolment.objects.count() == (0 if expected == 200 else 30)
    batch.refresh_from_db()
    assert batch.status == ("undone" if expected == 200 else "applied")


def test_the_api_answers_what_the_undo_did(api_client_for, course):
    batch = applied(course, "nomination_baku.csv")

    body = api_client_for("registrar").post(undo_url(batch)).json()

    assert body["batch"] == batch.pk and body["counts"]["enrolments_deleted"] == 30
    assert {"model", "id", "name", "action", "fields"} == set(body["records"][0])


def test_a_refused_undo_answers_400_naming_the_records(api_client_for, course):
    batch = applied(course, "nomination_baku.csv")
    enrolment = Enrolment.objects.get(person__family_name="Əliyev")
    enrolment.result = "Edited by hand"
    enrolment.save()

    response = api_client_for("registrar").post(undo_url(batch))

    assert response.status_code == 400
    assert "Əliyev" in str(response.json())
    assert Enrolment.objects.count() == 30


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 401), ("viewer", 200), ("registrar", 200)]
)
def test_who_may_list_import_batches(api_client_for, course, role, expected):
    batch = applied(course, "nomination_baku.csv")

    response = api_client_for(role).get("/api/v1/import-batches/")

    assert response.status_code == expected
    if expected == 200:
        assert [row["id"] for row in response.json()["results"]] == [batch.pk]


@pytest.mark.parametrize("page_size", [1, 100])
def test_the_batch_list_runs_a_constant_number_of_queries(
    api_client_for, django_assert_num_queries, page_size
):
    client = api_client_for("viewer")
    user = UserFactory()
    ImportBatchFactory.create_batch(110, imported_by=user)

    # token, user permissions, group permissions, count, page (ids of course and users only)
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/import-batches/?page_size={page_size}")

    assert len(response.json()["results"]) == page_size
    assert response.json()["results"][0]["imported_by"] == user.pk


def test_the_command_undoes_a_batch_and_prints_what_it_restored(course, capsys):
    batch = applied(course, "nomination_baku.csv")

    call_command("undo_import", str(batch.pk))

    out = capsys.readouterr().out
    assert "deleted: Person “" in out and f"Import batch {batch.pk} undone" in out
    assert Person.objects.count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatchStatus.UNDONE


def test_the_command_exits_non_zero_naming_the_refusals(course, capsys):
    batch = applied(course, "nomination_baku.csv")
    enrolment = Enrolment.objects.get(person__family_name="Əliyev")
    enrolment.result = "Edited by hand"
    enrolment.save()

    with pytest.raises(CommandError, match="was not undone"):
        call_command("undo_import", str(batch.pk))

    assert "Əliyev" in capsys.readouterr().err
    assert Enrolment.objects.count() == 30


def test_the_command_refuses_an_unknown_batch(db):
    with pytest.raises(CommandError, match="No import batch"):
        call_command("undo_import", "999")


def admin_undo(client, batch: ImportBatch, confirmed: bool):
    data = {"action": "undo_selected", "_selected_action": [batch.pk]}
    if confirmed:
        data["post"] = "yes"
    return client.post("/admin/imports/importbatch/", data, follow=confirmed)


def test_the_admin_asks_before_undoing_then_undoes(course, client, registrar):
    batch = applied(course, "nomination_baku.csv")
    client.force_login(registrar)

    asked = admin_undo(client, batch, confirmed=False)
    assert asked.status_code == 200 and b"Yes, undo" in asked.content
    assert Enrolment.objects.count() == 30

    done = admin_undo(client, batch, confirmed=True)

    assert f"Import batch {batch.pk} undone" in done.content.decode()
    assert Enrolment.objects.count() == 0 and Person.objects.count() == 0


def test_the_admin_names_the_records_that_refuse_an_undo(course, client, registrar):
    batch = applied(course, "nomination_baku.csv")
    enrolment = Enrolment.objects.get(person__family_name="Əliyev")
    enrolment.result = "Edited by hand"
    enrolment.save()
    client.force_login(registrar)

    response = admin_undo(client, batch, confirmed=True)

    assert "was not undone" in response.content.decode()
    assert "Əliyev" in response.content.decode()
    assert Enrolment.objects.count() == 30


def test_the_undo_action_is_offered_only_to_who_may_undo(course, client, viewer):
    applied(course, "nomination_baku.csv")
    viewer.is_staff = True
    viewer.save()
    client.force_login(viewer)

    response = client.get("/admin/imports/importbatch/")

    assert response.status_code == 200 and b"undo_selected" not in response.content
