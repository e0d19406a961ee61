"""Certificates in the admin: frozen records that change only through the services.

Nobody adds a certificate here (they are issued from a course, through ``certificates_issue``)
and nobody deletes one. A saved certificate opens read-only; registrars revoke several with one
reason (an action) or correct one by superseding it (``revocation``, a page of its own).
"""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.certificates.admin.revocation import CertificateRevocationAdminMixin
from apps.certificates.models import Certificate, PdfStatus, SerialCounter
from apps.core.admin import (
    RECORD_FIELDSET,
    BilingualAdminMixin,
    EstimatedCountPaginator,
    LatestRelatedListFilter,
    LongChangelistMixin,
    NameSearchMixin,
    admin_change_url,
    admin_link,
    reverse_with_id,
)
from apps.core.list_filters import IndexedRelatedOnlyFieldListFilter, YearMonthListFilter

FROZEN_FIELDSETS = (
    (
        None,
        {
            "fields": (
                ("serial", "status"),
                ("issued_on", "issued_by"),
                "verification_code",
                "verification_page",
                "languages_list",
            )
        },
    ),
    (_("Holder"), {"fields": ("enrolment", "person_link", "course_link")}),
    (
        _("What the certificate attests"),
        {
            "fields": (
                ("holder_name", "holder_family_name"),
                ("course_title_en", "course_title_fr"),
                ("course_start", "course_end"),
                ("course_city", "course_country"),
                ("programme_title_en", "programme_title_fr"),
                ("issuer_name_en", "issuer_name_fr"),
            ),
            "description": _("Copied at issue: later edits of the records never change it."),
        },
    ),
    (_("PDF"), {"fields": (("pdf_download", "pdf_state"), "pdf_sha256", "pdf_failed_at")}),
    (_("Revocation"), {"fields": (("revoked_at", "revoked_by"), "revocation_reason")}),
    (
        _("Correction"),
        {"fields": (("supersedes", "superseded_by_link"), "supersession_reason")},
    ),
    RECORD_FIELDSET,
)


def certificate_pdf_download_url(certificate: Certificate) -> str:
    """The API's download of the stored PDF; the admin's session login authenticates it."""
    return reverse_with_id("certificates-api:certificate-pdf", certificate.pk)


class PdfStatusFilter(admin.SimpleListFilter):
    """Stored, pending (being rendered) or failed: what the issuing job on a course counts."""

    title = _("PDF")
    parameter_name = "pdf_status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(PdfStatus.choices)

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Certificate]
    ) -> QuerySet[Certificate]:
        if self.value() in PdfStatus.values:
            return queryset.with_pdf_status(self.value())
        return queryset


@admin.register(Certificate)
class CertificateAdmin(
    LongChangelistMixin,
    BilingualAdminMixin,
    CertificateRevocationAdminMixin,
    NameSearchMixin,
    SimpleHistoryAdmin,
):
    """Certificates are permanent and frozen: revoked or superseded, never edited or deleted.

    Without the delete permission, Django also leaves out the bulk "delete selected" action.
    """

    # 100,000 rows: no COUNT(*) of the whole table for a page (see EstimatedCountPaginator),
    # nor a second one beside a filtered count.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    list_display = (
        "serial",
        "holder_link",
        "course_link",
        "issued_on",
        "issued_by_link",
        "status",
        "pdf_link",
    )
    list_filter = (
        "status",
        # In place of a date hierarchy, which scans the whole table for its years.
        ("issued_on", YearMonthListFilter.titled(_("issue date"))),
        PdfStatusFilter,
        ("issued_by", IndexedRelatedOnlyFieldListFilter),
        ("enrolment__course", LatestRelatedListFilter),
    )
    list_select_related = ("enrolment__person", "enrolment__course", "issued_by")
    folded_search_fields = ("holder_name_folded", "enrolment__person__full_name_folded")
    search_fields = (
        "serial",
        "=verification_code",
        "enrolment__course__title_en",
        "enrolment__course__title_fr",
    )
    fieldsets = FROZEN_FIELDSETS
    readonly_fields = tuple(flatten_fieldsets(FROZEN_FIELDSETS))
    actions = ("revoke_selected",)
    view_on_site = False  # its own page is the admin's; the public one is linked by name

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued from a course, through certificates_issue

    def has_change_permission(self, request: HttpRequest, obj: Certificate | None = None) -> bool:
        # A saved certificate opens read-only, without a save button.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Certificate | None = None) -> bool:
        return False

    def get_object_tools(self, request: HttpRequest, obj: Certificate) -> list[dict[str, str]]:
        """Download the PDF, open the verification page; then revoke or correct a valid one."""
        tools = [
            {"label": _("Download PDF"), "url": certificate_pdf_download_url(obj)},
            {"label": _("Verification page"), "url": obj.verification_path()},
        ]
        return [*tools, *super().get_object_tools(request, obj)]

    @admin.display(description=_("participant"), ordering="enrolment__person__family_name")
    def person_link(self, obj: Certificate) -> SafeString | None:
        return admin_link(obj.enrolment.person)

    @admin.display(description=_("holder"), ordering="holder_family_name")
    def holder_link(self, obj: Certificate) -> SafeString:
        # The name as printed, frozen at issue: the person's current name may differ.
        return format_html(
            '<a href="{}">{}</a>', admin_change_url(obj.enrolment.person), obj.holder_name
        )

    @admin.display(description=_("course"), ordering="enrolment__course__title_en")
    def course_link(self, obj: Certificate) -> SafeString | None:
        return admin_link(obj.enrolment.course)

    @admin.display(description=_("issued by"), ordering="issued_by__name_en")
    def issued_by_link(self, obj: Certificate) -> SafeString | None:
        return admin_link(obj.issued_by)

    @admin.display(description=_("superseded by"))
    def superseded_by_link(self, obj: Certificate) -> SafeString | str:
        successor = getattr(obj, "superseded_by", None)
        return admin_link(successor) if successor else self.get_empty_value_display()

    @admin.display(description=_("course start"))
    def course_start(self, obj: Certificate) -> str:
        return obj.course_start_display or self.get_empty_value_display()

    @admin.display(description=_("course end"))
    def course_end(self, obj: Certificate) -> str:
        return obj.course_end_display or self.get_empty_value_display()

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj: Certificate) -> SafeString:
        """The download, and the PDF's status unless it is stored: pending or failed."""
        link = format_html('<a href="{}">{}</a>', certificate_pdf_download_url(obj), _("PDF"))
        if obj.pdf_status == PdfStatus.STORED:
            return link
        return format_html("{} ({})", link, obj.pdf_status.label)

    @admin.display(description=_("PDF"))
    def pdf_download(self, obj: Certificate) -> SafeString:
        label = (
            _("Download") if obj.pdf else _("Download (not stored yet: rendered on first download)")
        )
        return format_html('<a href="{}">{}</a>', certificate_pdf_download_url(obj), label)

    @admin.display(description=_("PDF status"))
    def pdf_state(self, obj: Certificate) -> str:
        return obj.pdf_status.label

    @admin.display(description=_("languages"))
    def languages_list(self, obj: Certificate) -> str:
        return ", ".join(obj.languages)

    @admin.display(description=_("verification page"))
    def verification_page(self, obj: Certificate) -> SafeString:
        url = obj.verification_path()
        return format_html('<a href="{}">{}</a>', url, url)


@admin.register(SerialCounter)
class SerialCounterAdmin(admin.ModelAdmin):
    """The last serial each issuer gave in a year: read here, moved only by issuing."""

    list_display = ("issuer_link", "year", "last_number")
    list_filter = ("year",)
    list_select_related = ("issuer",)
    fields = ("issuer", "year", "last_number")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SerialCounter | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: SerialCounter | None = None) -> bool:
        return False

    @admin.display(description=_("issuer"), ordering="issuer__name_en")
    def issuer_link(self, obj: SerialCounter) -> SafeString | None:
        return admin_link(obj.issuer)
