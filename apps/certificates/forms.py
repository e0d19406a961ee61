"""Admin forms for revoking and correcting certificates: they collect input, the services decide."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country

from apps.certificates.models import Certificate
from apps.certificates.services import CORRECTABLE_FIELDS, certificate_snapshot

# The correctable fields in the order the model declares them (CORRECTABLE_FIELDS is a set).
CORRECTION_FIELDS = tuple(
    field.name for field in Certificate._meta.fields if field.name in CORRECTABLE_FIELDS
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CertificateRevokeForm(forms.Form):
    """The one reason recorded on every certificate revoked together."""

    reason = forms.CharField(
        label=_("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Recorded on each selected certificate, with your name and the time."),
    )


class CertificateCorrectionForm(forms.Form):
    """Why a certificate is corrected, and its correctable fields as they should read."""

    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Recorded on the new certificate; verifying the old one names the new one."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(
                Certificate,
                fields=CORRECTION_FIELDS,
                widgets={"course_start_date": DATE_INPUT, "course_end_date": DATE_INPUT},
            )
        )

    def corrections(self) -> dict[str, Any]:
        """Only the fields the registrar changed: the others are copied again from the records."""
        return {
            name: self.cleaned_data[name] for name in self.changed_data if name in CORRECTION_FIELDS
        }

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's refusal on the fields it names, or above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


def certificate_correction_initial(certificate: Certificate) -> dict[str, Any]:
    """The correctable fields as the new certificate will print them if left unchanged.

    That is the records as they are now (a correction copies them again), not the old
    certificate: what the registrar sees in the form is exactly what gets printed.
    """
    records = certificate_snapshot(certificate.enrolment, certificate.issued_by)
    initial = {name: records[name] for name in CORRECTION_FIELDS}
    initial["course_country"] = str(initial["course_country"] or "")
    return initial


def certificate_record_differences(certificate: Certificate) -> list[dict[str, Any]]:
    """Fields where the new certificate, as pre-filled, will differ from the old one."""
    records = certificate_snapshot(certificate.enrolment, certificate.issued_by)
    return [
        {
            "label": Certificate._meta.get_field(name).verbose_name,
            "printed": _field_display(name, getattr(certificate, name)),
            "records": _field_display(name, records[name]),
        }
        for name in CORRECTION_FIELDS
        if records[name] != getattr(certificate, name)
    ]


def _field_display(name: str, value: Any) -> Any:
    """A field's value as a reader knows it: a choice's label, a country's name."""
    if isinstance(value, Country):
        return value.name
    return dict(Certificate._meta.get_field(name).flatchoices).get(value, value)
