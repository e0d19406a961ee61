from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.api.serializers import ModelSerializer
from apps.imports.models import ImportBatch

ROW_NUMBERS_ERROR = _("Give row numbers (2 or more), as a list or separated by commas: 3,7.")


@extend_schema_field(serializers.ListField(child=serializers.IntegerField(min_value=2)))
class RowNumbersField(serializers.Field):
    """Row numbers as a JSON list, repeated form fields, or one comma-separated value."""

    def get_value(self, dictionary: Any) -> Any:
        if hasattr(dictionary, "getlist") and self.field_name in dictionary:
            return dictionary.getlist(self.field_name)
        return super().get_value(dictionary)

    def to_internal_value(self, data: Any) -> list[int]:
        items = data if isinstance(data, list) else [data]
        numbers: list[int] = []
        for item in items:
            parts = str(item).split(",") if not isinstance(item, int) else [item]
            for part in parts:
                if str(part).strip() == "":
                    continue
                try:
                    number = int(str(part).strip())
                except ValueError as error:
                    raise serializers.ValidationError(ROW_NUMBERS_ERROR) from error
                if not 2 <= number <= 10**7:
                    raise serializers.ValidationError(ROW_NUMBERS_ERROR)
                numbers.append(number)
        return numbers

    def to_representation(self, value: list[int]) -> list[int]:
        return value


class EnrolmentsImportSerializer(serializers.Serializer):
    """The spreadsheet to import, and how."""

    file = serializers.FileField(
        help_text="CSV (UTF-8, comma or semicolon) or XLSX (the first sheet); header in row 1."
    )
    dry_run = serializers.BooleanField(
        default=False, help_text="true: answer the report only; nothing is written or kept."
    )
    accept_matches = RowNumbersField(
        required=False,
        default=list,
        help_text=(
            "Row numbers whose probable match (same names and nationality, no birth date) the "
            "registrar accepts; without it such a row refuses the file."
        ),
    )


class DifferenceSerializer(serializers.Serializer):
    column = serializers.CharField()
    stored = serializers.CharField()
    file = serializers.CharField()


class ImportRowSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="As a spreadsheet numbers it: the header is row 1.")
    name = serializers.CharField()
    outcome = serializers.CharField()
    person = serializers.ChoiceField(choices=["new", "matched", ""])
    match_reason = serializers.CharField()
    person_id = serializers.IntegerField(allow_null=True)
    person_uid = serializers.CharField()
    enrolment = serializers.ChoiceField(choices=["new", "changed", "unchanged", ""])
    changes = DifferenceSerializer(many=True, help_text="Values the import changes.")
    kept = DifferenceSerializer(
        many=True, help_text="Stored values kept because the file's cell is empty."
    )
    notes = serializers.ListField(child=serializers.CharField())
    refused = serializers.BooleanField()


class ImportProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="1 is the header; 0 is the file as a whole.")
    column = serializers.CharField()
    message = serializers.CharField()
    code = serializers.CharField()


class ImportCourseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ImportCountsSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    people_created = serializers.IntegerField()
    people_matched = serializers.IntegerField()
    people_changed = serializers.IntegerField()
    enrolments_created = serializers.IntegerField()
    enrolments_changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    refused = serializers.IntegerField()
    errors = serializers.IntegerField()


class ImportReportSerializer(serializers.Serializer):
    """The report of an import: every row's outcome and every error."""

    course = ImportCourseSerializer()
    file_name = serializers.CharField()
    sha256 = serializers.CharField()
    dry_run = serializers.BooleanField()
    refused = serializers.BooleanField()
    applied = serializers.BooleanField()
    batch = serializers.IntegerField(allow_null=True, help_text="The import batch, once applied.")
    columns = serializers.ListField(child=serializers.CharField())
    counts = ImportCountsSerializer()
    rows = ImportRowSerializer(many=True)
    errors = ImportProblemSerializer(many=True)


class ImportBatchSerializer(ModelSerializer):
    """One applied import: who, when, which file, what it did, and whether it was undone."""

    class Meta:
        model = ImportBatch
        fields = [
            "id",
            "course",
            "file_name",
            "sha256",
            "imported_by",
            "imported_at",
            "rows",
            "people_created",
            "people_changed",
            "enrolments_created",
            "enrolments_changed",
            "unchanged",
            "status",
            "undone_at",
            "undone_by",
        ]
        read_only_fields = fields


class UndoneRecordSerializer(serializers.Serializer):
    model = serializers.CharField(help_text="people.Person or enrolments.Enrolment.")
    id = serializers.IntegerField()
    name = serializers.CharField()
    action = serializers.ChoiceField(choices=["deleted", "restored"])
    fields = serializers.ListField(
        child=serializers.CharField(), help_text="The fields given back their earlier values."
    )


class UndoCountsSerializer(serializers.Serializer):
    people_deleted = serializers.IntegerField()
    people_restored = serializers.IntegerField()
    enrolments_deleted = serializers.IntegerField()
    enrolments_restored = serializers.IntegerField()


class UndoReportSerializer(serializers.Serializer):
    """What an undo did: each record it deleted or restored."""

    batch = serializers.IntegerField()
    counts = UndoCountsSerializer()
    records = UndoneRecordSerializer(many=True)
