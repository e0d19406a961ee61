from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.api.filters import MAX_RECORD_ID
from apps.organisations.models import Organisation
from apps.programmes.models import FIRST_YEAR, LAST_YEAR, Programme
from apps.reports.selectors import ReportFilters

YEAR_RANGE_ERROR = _("The first year cannot be after the last year.")


def year_range_errors(year_from: int | None, year_to: int | None) -> dict[str, ValidationError]:
    """The one rule between the filters, shared by the admin form and the API's serializer."""
    if year_from is not None and year_to is not None and year_from > year_to:
        return {"year_to": ValidationError(YEAR_RANGE_ERROR, code="year_range")}
    return {}


class RecordChoiceField(forms.ModelChoiceField):
    """A record chosen by id; what cannot be an id is an invalid choice, not a database error."""

    def to_python(self, value: object) -> object:
        if value in self.empty_values:
            return None
        text = str(value)
        if not (text.isascii() and text.isdigit()) or int(text) > MAX_RECORD_ID:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ReportFilterForm(forms.Form):
    """The reports page's filters, read from the query string; all optional."""

    year_from = forms.IntegerField(
        label=_("from year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    year_to = forms.IntegerField(
        label=_("to year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    programme = RecordChoiceField(
        label=_("programme"), required=False, queryset=Programme.objects.order_by("title_en")
    )
    partner = RecordChoiceField(
        label=_("partner"),
        required=False,
        queryset=Organisation.objects.filter(partner_programmes__isnull=False)
        .distinct()
        .order_by("name_en"),
    )
    issuer = RecordChoiceField(
        label=_("issuer"),
        required=False,
        queryset=Organisation.objects.filter(certificates_issued__isnull=False)
        .distinct()
        .order_by("name_en"),
        help_text=_("Narrows the certificate figures only."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        for field, error in year_range_errors(
            cleaned.get("year_from"), cleaned.get("year_to")
        ).items():
            self.add_error(field, error)
        return cleaned

    def filters(self) -> ReportFilters:
        """The valid form's filters (call after ``is_valid()``)."""
        data = self.cleaned_data
        return ReportFilters(
            year_from=data["year_from"],
            year_to=data["year_to"],
            **{
                f"{name}_id": getattr(data[name], "pk", None)
                for name in ("programme", "partner", "issuer")
            },
        )
