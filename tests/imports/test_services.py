import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.imports.models import ImportBatch
from apps.imports.services import BATCH_SIZE, enrolments_import
from apps.people.models import Person
from tests.factories import EnrolmentFactory, OrganisationFactory, PersonFactory
from tests.imports.conftest import data_file, upload


def history_rows() -> int:
    return Person.history.count() + Enrolment.history.count()


def xlsx(*sheets: list[list[object]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for number, rows in enumerate(sheets):
        sheet = workbook.create_sheet(f"Sheet{number + 1}")
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_nomination_list_in_mixed_scripts_records_30_participants(course, registrar):
    report = enrolments_import(
        course=course, upload=data_file("nomination_baku.csv"), dry_run=False, user=registrar
    )

    assert report.errors == []
    assert report.counts["people_created"] == 30
    assert report.counts["enrolments_created"] == 30
    assert course.enrolments.count() == 30
    batch = ImportBatch.objects.get()
    assert (batch.pk, batch.rows, batch.people_created, batch.imported_by) == (
        report.batch_id,
        30,
        30,
        registrar,
    )
    assert batch.sha256 == report.sha256 and batch.file_name == "nomination_baku.csv"
    rashad = Person.objects.get(family_name="Əliyev")
    assert (rashad.given_names, rashad.patronymic, rashad.nationality.code) == (
        "Rəşad",
        "Vaqif oğlu",
        "AZ",
    )
    assert rashad.birth_date == datetime.date(1984, 3, 14)
    assert Person.objects.get(family_name="Гасанов").service == "army"
    assert Person.objects.get(family_name="Tashkentov").nationality.code == "UZ"
    assert Enrolment.objects.get(person=rashad).status == EnrolmentStatus.NOMINATED
    # Every history row is the batch's, with its author.
    reasons = set(Person.history.values_list("history_change_reason", flat=True))
    reasons |= set(Enrolment.history.values_list("history_change_reason", flat=True))
    assert reasons == {batch.history_reason}
    assert Person.history.filter(history_user=registrar).count() == 30


def test_a_dry_run_reports_the_same_and_writes_nothing(course):
    report = enrolments_import(course=course, upload=data_file("nomination_baku.csv"), dry_run=True)

    assert report.counts["people_created"] == 30 and not report.refused
    assert (Person.objects.count(), ImportBatch.objects.count(), history_rows()) == (0, 0, 0)


def test_importing_the_same_file_twice_writes_nothing_the_second_time(course):
    enrolments_import(course=course, upload=data_file("nomination_baku.csv"), dry_run=False)
    before = (history_rows(), Person.objects.count(), Enrolment.objects.count())

    again = enrolments_import(course=course, upload=data_file("nomination_baku.csv"), dry_run=False)

    assert again.counts["unchanged"] == 30 and again.counts["people_matched"] == 30
    assert (history_rows(), Person.objects.count(), Enrolment.objects.count()) == before


def test_the_attendance_sheet_updates_statuses_and_completion_dates(course):
    enrolments_import(course=course, upload=data_file("nomination_baku.csv"), dry_run=False)

    report = enrolments_import(
        course=course, upload=data_file("attendance_baku.csv"), dry_run=False
    )

    assert report.errors == []
    assert report.counts["enrolments_changed"] == 6 and report.counts["people_created"] == 0
    # Passport spellings meet the names as first written, in Azerbaijani or in Cyrillic.
    rashad = Enrolment.objects.get(person__family_name="Əliyev")
    assert (rashad.status, rashad.completed_on, rashad.result) == (
        EnrolmentStatus.COMPLETED,
        datetime.date(2026, 3, 6),
        "Passed with distinction",
    )
    assert Enrolment.objects.get(person__family_name="Джафаров").status == EnrolmentStatus.FAILED
    assert Enrolment.objects.get(person__family_name="Qasımov").status == "withdrawn"
    row = report.rows[0]
    assert (row.person, row.match_reason) == ("matched", "same names and birth date")
    assert [c.column.split(" /")[0] for c in row.changes] == ["status", "completion date", "result"]
    assert Person.objects.get(family_name="Əliyev").given_names == "Rəşad"  # never rewritten


def test_an_empty_cell_or_absent_column_never_erases_and_the_report_says_so(course):
    person = PersonFactory(
        family_name="Əliyev", given_names="Rəşad", birth_date=datetime.date(1984, 3, 14)
    )
    person.rank, person.unit = "Major", "Logistics Directorate"
    person.save()
    EnrolmentFactory(course=course, person=person, result="")

    report = enrolments_import(
        course=course,
        upload=upload("family name,given names,birth date,rank\nAliyev,Rashad,1984-03-14,\n"),
        dry_run=False,
    )

    person.refresh_from_db()
    assert (person.rank, person.unit) == ("Major", "Logistics Directorate")
    assert report.rows[0].outcome == "unchanged"
    assert [(kept.column, kept.stored) for kept in report.rows[0].kept] == [
        ("rank / grade", "Major")
    ]


def test_a_probable_match_refuses_the_file_unless_accepted(course):
    person = PersonFactory(family_name="Məmmədov", given_names="Elvin", nationality="AZ")
    content = "nom;prénoms;nationalité\nMammadov;Elvin;Azerbaijan\n"

    refused = enrolments_import(course=course, upload=upload(content), dry_run=False)

    assert [(e.row, e.column, e.code) for e in refused.errors] == [
        (2, "family name / nom", "probable_match")
    ]
    assert str(person.uid) in refused.errors[0].message
    assert Enrolment.objects.count() == 0

    accepted = enrolments_import(
        course=course, upload=upload(content), dry_run=False, accept_matches=[2]
    )

    assert accepted.errors == [] and accepted.rows[0].person == "matched"
    assert Enrolment.objects.get().person == person
    assert Person.objects.count() == 1


def test_a_uid_matches_the_person_whatever_the_names(course):
    person = PersonFactory(family_name="Hasanov", given_names="Rashad")

    report = enrolments_import(
        course=course,
        upload=upload(f"uid,family name,grade\n{person.uid},Гасанов,Colonel\n"),
        dry_run=False,
    )

    assert report.rows[0].match_reason == "uid"
    person.refresh_from_db()
    assert (person.family_name, person.rank) == ("Hasanov", "Colonel")
    assert (
        Person.history.filter(history_change_reason=f"Import batch {report.batch_id}").count() == 1
    )


def test_an_xlsx_first_sheet_with_french_headers_and_date_cells(course):
    OrganisationFactory(slug="mod-az", acronym="MOD", name_en="Ministry of Defence of Azerbaijan")
    content = xlsx(
        [
            ["  NOM ", "Prénoms", "Date de naissance", "Organisation", "Statut"],
            ["Əliyev", "Rəşad", datetime.datetime(1984, 3, 14), "MOD", "confirmé"],
            [None, None, None, None, None],
            ["Бабаев", "Руслан", datetime.date(1983, 7, 7), "mod-az", "nominé"],
        ],
        [],  # an empty second sheet, as Excel makes them, is no fault
    )

    report = enrolments_import(course=course, upload=upload(content, "list.xlsx"), dry_run=False)

    assert report.errors == []
    assert [row.row for row in report.rows] == [2, 4]
    assert Person.objects.get(family_name="Бабаев").organisation.slug == "mod-az"
    assert Enrolment.objects.get(person__family_name="Əliyev").status == "confirmed"


def test_a_comma_separated_file_with_a_byte_order_mark(course):
    content = "\ufefffamily name,given names\nNasirova,Lala\n".encode()

    report = enrolments_import(course=course, upload=upload(content), dry_run=False)

    assert report.errors == [] and Person.objects.get().family_name == "Nasirova"


def test_every_fault_of_the_bad_file_is_reported_with_its_row_and_column(course):
    EnrolmentFactory(
        course=course,
        person=PersonFactory(
            family_name="Əliyev", given_names="Rəşad", birth_date=datetime.date(1984, 3, 14)
        ),
    )
    before = (Person.objects.count(), Enrolment.objects.count(), history_rows())

    report = enrolments_import(course=course, upload=data_file("bad_input.csv"), dry_run=False)

    faults = {(error.row, error.column.split(" /")[0], error.code) for error in report.errors}
    assert faults == {
        (1, "shoe size", "unknown_column"),
        (2, "family name", "required"),
        (3, "status", "unknown_status"),
        (4, "completion date", "invalid_date"),
        (5, "birth date", "birth_in_future"),
        (6, "completion date", "completed_before_course"),
        (7, "nationality", "unknown_country"),
        (9, "family name", "duplicate_row"),
        (10, "family name", "formula"),
        (11, "family name", "too_long"),
        (12, "family name", "nul"),
        (13, "family name", "enrolled_under_another_spelling"),
        (14, "email", "invalid"),
        (15, "service", "unknown_service"),
        (16, "organisation", "organisation"),
        (17, "uid", "unknown_uid"),
    }
    assert len(report.errors) == len(faults)  # one message each
    assert report.refused and report.batch_id is None
    assert (Person.objects.count(), Enrolment.objects.count(), history_rows()) == before
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "fault"),
    [
        (b"", "The file is empty."),
        (b"%PDF-1.7\n\x00\x01binary", "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", "Old Excel files"),
        ("nom,prénoms\nMüller,Jürgen\n".encode("latin-1"), "not UTF-8"),
        (b"PK\x03\x04broken zip", "not a spreadsheet"),
        (b"family name\n", "holds no participant"),
    ],
    ids=["empty", "pdf", "xls", "latin-1", "broken-xlsx", "header-only"],
)
def test_a_file_that_cannot_be_read_is_refused_with_its_reason(course, content, fault):
    report = enrolments_import(course=course, upload=upload(content), dry_run=False)

    assert [(error.row, error.column) for error in report.errors] == [(0, "")]
    assert fault in report.errors[0].message
    assert Person.objects.count() == 0


def test_a_workbook_with_two_sheets_of_data_is_refused(course):
    content = xlsx([["nom"], ["Əliyev"]], [["nom"], ["Məmmədov"]])

    report = enrolments_import(course=course, upload=upload(content, "two.xlsx"), dry_run=False)

    assert "2 sheets" in report.errors[0].message and Person.objects.count() == 0


SYLLABLES = ("bo", "di", "ku", "mo", "ni", "pu", "ro", "si", "tu", "vo")


def _name(number: int) -> str:
    """A family name of its own for each number: folding drops digits, not syllables."""
    return "".join(SYLLABLES[int(digit)] for digit in f"{number:05d}").capitalize()


def _names_file(count: int, status: str = "nominated") -> str:
    lines = ["family name,given names,birth date,status"]
    lines += [f"{_name(n)},Given,1980-01-01,{status}" for n in range(count)]
    return "\n".join(lines) + "\n"


def _queries(course, content: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        report = enrolments_import(course=course, upload=upload(content), dry_run=False)
    assert not report.refused
    return len(queries)


def _write_batches(model, rows: int) -> int:
    """How many statements the database needs to write ``rows`` records of ``model`` in bulk:
    one per 500 rows (the import's batch), or more where the database takes fewer parameters
    in one statement (SQLite: 999)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    size = min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, [None] * rows) or rows)
    return -(-rows // size)


def _expected_growth(small: int, large: int, *, created: bool) -> int:
    models = [Person, Person.history.model, Enrolment, Enrolment.history.model]
    if not created:  # a status changes: enrolments updated, and their history written
        models = [Enrolment, Enrolment.history.model]
    return sum(_write_batches(model, large) - _write_batches(model, small) for model in models)


def test_the_number_of_queries_does_not_grow_with_the_rows(course):
    from tests.factories import CourseFactory

    other = CourseFactory()
    small_new, large_new = _queries(course, _names_file(50)), _queries(other, _names_file(450))
    small_changed = _queries(course, _names_file(50, "confirmed"))
    large_changed = _queries(other, _names_file(450, "confirmed"))

    # Reading is the same few queries for 50 rows as for 450; writing costs one statement per
    # batch of rows, never one per row.
    assert large_new - small_new <= _expected_growth(50, 450, created=True)
    assert large_changed - small_changed <= _expected_growth(50, 450, created=False)
    assert large_new - small_new < (450 - 50) / 10
    assert small_new <= 15 and small_changed <= 15


def _participants_file(count: int, status: str = "nominated") -> str:
    """``count`` participants of one organisation, each with a family name of their own."""
    lines = ["family name,given names,organisation,nationality,birth date,status"]
    lines += [f"{_name(n)},Given,MODAZ,AZ,1980-01-01,{status}" for n in range(count)]
    return "\n".join(lines) + "\n"


def _statements(model, rows: int) -> int:
    """The statements writing ``rows`` records of ``model`` in bulk take: the import writes
    500 at a time, each in one statement, or a few where the database takes fewer parameters
    in one (SQLite: 999)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    size = min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, [None] * BATCH_SIZE))
    slices = [min(BATCH_SIZE, rows - start) for start in range(0, rows, BATCH_SIZE)]
    return sum(-(-length // size) for length in slices)


def _counted(course, content: str, *, dry_run: bool) -> int:
    with CaptureQueriesContext(connection) as queries:
        report = enrolments_import(course=course, upload=upload(content), dry_run=dry_run)
    assert not report.refused, report.errors[:3]
    return len(queries)


# The reads that go by 500 rows: people by their folded family names, and by UID.
READS_PER_500_ROWS = 2


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "applied"])
def test_1200_rows_cost_only_the_queries_of_two_more_batches_of_500_than_10_rows(db, dry_run):
    from tests.factories import CourseFactory

    OrganisationFactory(slug="mod-az", acronym="MODAZ", name_en="Ministry of Defence")
    more_batches = -(-1200 // BATCH_SIZE) - 1

    def growth(*models) -> int:
        if dry_run:
            return 0
        return sum(_statements(model, 1200) - _statements(model, 10) for model in models)

    # New people: matched against the register, checked, created with their enrolments.
    small = _counted(CourseFactory(), _participants_file(10), dry_run=dry_run)
    large = _counted(CourseFactory(), _participants_file(1200), dry_run=dry_run)
    created = growth(Person, Person.history.model, Enrolment, Enrolment.history.model)
    assert large - small <= READS_PER_500_ROWS * more_batches + created

    # The nominated again, now confirmed: each row matched to its person, whose
    # organisation is compared with the file's, and each enrolment changed.
    small_course, large_course = CourseFactory(), CourseFactory()
    for course, rows in ((small_course, 10), (large_course, 1200)):
        enrolments_import(course=course, upload=upload(_participants_file(rows)), dry_run=False)
    small = _counted(small_course, _participants_file(10, "confirmed"), dry_run=dry_run)
    large = _counted(large_course, _participants_file(1200, "confirmed"), dry_run=dry_run)
    changed = growth(Enrolment, Enrolment.history.model)
    assert large - small <= READS_PER_500_ROWS * more_batches + changed
