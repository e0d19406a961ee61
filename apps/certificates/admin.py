from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from apps.certificates.models import Certificate
from apps.core.admin import RECORD_FIELDSET, admin_link

# What the registrar gives to record a certificate; the verification code comes from the model.
ISSUE_FIELDSETS = (
    (None, {"fields": ("enrolment", "serial", ("issued_on", "issued_by"), "status")}),
)

FROZEN_FIELDSETS = (
    (None, {"fields": (("serial", "status"), "verification_code", ("issued_on", "issued_by"))}),
    (_("Holder"), {"fields": ("enrolment", "person_link", "course_link")}),
    (_("Revocation"), {"fields": (("revoked_at", "revoked_by"), "revocation_reason")}),
    (_("Correction"), {"fields": ("supersedes", "superseded_by_link")}),
    RECORD_FIELDSET,
)


class CertificateIssueForm(forms.ModelForm):
    """Records a new certificate, always valid: revoking and superseding come later."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            # Shown but not taken from the request. It must still be a form field: Django
            # checks the one-current-certificate constraint only when its condition's field
            # (the status) is in the form, else the duplicate fails later as an IntegrityError.
            self.fields["status"].disabled = True


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """Certificates are permanent and frozen once saved: revoked or superseded, never edited.

    Without the delete permission, Django also leaves out the bulk "delete selected" action.
    """

    list_display = (
        "serial",
        "person_link",
        "course_link",
        "issued_on",
        "issued_by_link",
        "status",
    )
    list_filter = ("status", ("issued_by", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("enrolment__person", "enrolment__course", "issued_by")
    date_hierarchy = "issued_on"
    search_fields = (
        "serial",
        "=verification_code",
        "enrolment__person__family_name",
        "enrolment__person__given_names",
        "enrolment__course__title_en",
        "enrolment__course__title_fr",
    )
    autocomplete_fields = ("enrolment", "issued_by")
    form = CertificateIssueForm

    def get_fieldsets(self, request: HttpRequest, obj: Certificate | None = None) -> tuple:
        return ISSUE_FIELDSETS if obj is None else FROZEN_FIELDSETS

    def get_readonly_fields(
        self, request: HttpRequest, obj: Certificate | None = None
    ) -> tuple[str, ...]:
        return () if obj is None else tuple(flatten_fieldsets(FROZEN_FIELDSETS))

    def has_change_permission(self, request: HttpRequest, obj: Certificate | None = None) -> bool:
        # A saved certificate opens read-only, without a save button.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Certificate | None = None) -> bool:
        return False

    @admin.display(description=_("participant"), ordering="enrolment__person__family_name")
    def person_link(self, obj: Certificate) -> SafeString | None:
        return admin_link(obj.enrolment.person)

    @admin.display(description=_("course"), ordering="enrolment__course__title_en")
    def course_link(self, obj: Certificate) -> SafeString | None:
        return admin_link(obj.enrolment.course)

    @admin.display(description=_("issued by"), ordering="issued_by__name_en")
    def issued_by_link(self, obj: Certificate) -> SafeString | None:
        return admin_link(obj.issued_by)

    @admin.display(description=_("superseded by"))
    def superseded_by_link(self, obj: Certificate) -> SafeString | None:
        return admin_link(getattr(obj, "superseded_by", None))
