"""Certificates in the admin: frozen records that change only through the services.

Nobody adds a certificate here (they are issued from a course, through ``certificates_issue``)
and nobody deletes one. A saved certificate opens read-only; registrars revoke several with one
reason (an action) or correct one by superseding it (a page of its own).
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from apps.certificates.forms import (
    CertificateCorrectionForm,
    CertificateRevokeForm,
    certificate_correction_initial,
    certificate_record_differences,
)
from apps.certificates.models import Certificate, CertificateStatus, PdfStatus, SerialCounter
from apps.certificates.services import (
    IssuePlan,
    certificate_revoke,
    certificate_supersede,
    certificates_issue,
    certificates_preview,
    certificates_revoke,
    organisation_to_fix,
)
from apps.core.admin import (
    RECORD_FIELDSET,
    ActionCheckboxMixin,
    EstimatedCountPaginator,
    LatestRelatedListFilter,
    NameSearchMixin,
    admin_change_url,
    admin_link,
)
from apps.core.permissions import CHANGE_CERTIFICATES, ISSUE_CERTIFICATES, VIEW_CERTIFICATES
from apps.courses.models import Course
from apps.organisations.models import Organisation

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
    return reverse("certificates-api:certificate-pdf", args=[certificate.pk])


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


NOT_REVOCABLE_MESSAGE = _(
    "Nothing was revoked: only valid certificates can be revoked, and these are not: %(list)s."
)
NOT_VALID_MESSAGES = {
    "revoke": _("Certificate %(serial)s is %(status)s: only a valid certificate can be revoked."),
    "correct": _(
        "Certificate %(serial)s is %(status)s: only a valid certificate can be corrected."
    ),
}
NOTHING_ISSUED_MESSAGE = _("%(course)s: nothing was issued. %(error)s")


@admin.register(Certificate)
class CertificateAdmin(ActionCheckboxMixin, NameSearchMixin, SimpleHistoryAdmin):
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
        PdfStatusFilter,
        ("issued_by", admin.RelatedOnlyFieldListFilter),
        ("enrolment__course", LatestRelatedListFilter),
    )
    list_select_related = ("enrolment__person", "enrolment__course", "issued_by")
    date_hierarchy = "issued_on"
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

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(CHANGE_CERTIFICATES)

    def has_supersede_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(CHANGE_CERTIFICATES)

    def get_urls(self) -> list[URLPattern]:
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/revoke/",
                self.admin_site.admin_view(self.revoke_view),
                name=f"{info}_revoke",
            ),
            path(
                "<path:object_id>/supersede/",
                self.admin_site.admin_view(self.supersede_view),
                name=f"{info}_supersede",
            ),
            *super().get_urls(),
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Certificate | None = None,
    ) -> HttpResponse:
        if obj is not None:
            context["extra_object_tools"] = self.object_tools(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def object_tools(self, request: HttpRequest, certificate: Certificate) -> list[dict[str, str]]:
        """Links above the certificate's page: download, verify; revoke or correct a valid one."""
        tools = [
            {"label": _("Download PDF"), "url": certificate_pdf_download_url(certificate)},
            {
                "label": _("Verification page"),
                "url": certificate.verification_path(),
            },
        ]
        if certificate.status == CertificateStatus.VALID and self.has_supersede_permission(request):
            revoke = reverse("admin:certificates_certificate_revoke", args=[certificate.pk])
            correct = reverse("admin:certificates_certificate_supersede", args=[certificate.pk])
            tools.append({"label": _("Revoke"), "url": revoke})
            tools.append({"label": _("Correct (supersede)"), "url": correct})
        return tools

    @admin.action(description=_("Revoke selected certificates"), permissions=("revoke",))
    def revoke_selected(
        self, request: HttpRequest, queryset: QuerySet[Certificate]
    ) -> TemplateResponse | None:
        certificates = list(queryset.select_related("enrolment__person").order_by("serial"))
        not_valid = [c for c in certificates if c.status != CertificateStatus.VALID]
        if not_valid:  # refused before a reason is asked for
            listed = ", ".join(f"{c.serial} ({c.get_status_display()})" for c in not_valid)
            self.message_user(request, NOT_REVOCABLE_MESSAGE % {"list": listed}, messages.ERROR)
            return None
        confirmed = request.POST.get("post") == "yes"
        form = CertificateRevokeForm(request.POST if confirmed else None)
        if confirmed and form.is_valid():
            try:
                revoked = certificates_revoke(
                    certificates=certificates,
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                )
            except ValidationError as error:
                message = _("Nothing was revoked: %(error)s") % {"error": " ".join(error.messages)}
                self.message_user(request, message, messages.ERROR)
                return None
            message = ngettext(
                "Revoked %(count)d certificate: %(serials)s.",
                "Revoked %(count)d certificates: %(serials)s.",
                len(revoked),
            ) % {"count": len(revoked), "serials": ", ".join(c.serial for c in revoked)}
            self.message_user(request, message, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke certificates"),
            "opts": self.opts,
            "certificates": certificates,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(
            request, "admin/certificates/certificate/revoke_selected_confirmation.html", context
        )

    def supersede_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Correct one certificate: a new one with a new serial supersedes it."""
        if not self.has_supersede_permission(request):
            raise PermissionDenied
        certificate = self._valid_certificate(request, object_id, "correct")
        if isinstance(certificate, HttpResponse):
            return certificate
        initial = certificate_correction_initial(certificate)
        form = CertificateCorrectionForm(
            request.POST if request.method == "POST" else None, initial=initial
        )
        if form.is_bound and form.is_valid():
            try:
                new = certificate_supersede(
                    certificate=certificate,
                    reason=form.cleaned_data["reason"],
                    corrections=form.corrections(),
                    user=request.user,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                message = _("Certificate %(new)s was issued; it supersedes %(old)s.") % {
                    "new": new.serial,
                    "old": certificate.serial,
                }
                self.message_user(request, message, messages.SUCCESS)
                return HttpResponseRedirect(admin_change_url(new))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Correct certificate %(serial)s") % {"serial": certificate.serial},
            "opts": self.opts,
            "original": certificate,
            "form": form,
            "record_differences": certificate_record_differences(certificate),
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/certificates/certificate/supersede_form.html", context
        )

    def revoke_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Revoke one certificate from its own page, with the reason recorded."""
        if not self.has_revoke_permission(request):
            raise PermissionDenied
        certificate = self._valid_certificate(request, object_id, "revoke")
        if isinstance(certificate, HttpResponse):
            return certificate
        form = CertificateRevokeForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                certificate_revoke(
                    certificate=certificate, reason=form.cleaned_data["reason"], user=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                message = _("Certificate %(serial)s was revoked.") % {"serial": certificate.serial}
                self.message_user(request, message, messages.SUCCESS)
                return HttpResponseRedirect(admin_change_url(certificate))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke certificate %(serial)s") % {"serial": certificate.serial},
            "opts": self.opts,
            "original": certificate,
            "certificates": [certificate],
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/certificates/certificate/revoke_form.html", context)

    def _valid_certificate(
        self, request: HttpRequest, object_id: str, operation: str
    ) -> Certificate | HttpResponse:
        """The certificate a revoke or correction page acts on, or the answer that refuses it.

        Refused before anything is asked when it is no longer valid: back to its page, saying why.
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        certificate = self.get_object(request, unquote(object_id))
        if certificate is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if certificate.status == CertificateStatus.VALID:
            return certificate
        message = NOT_VALID_MESSAGES[operation] % {
            "serial": certificate.serial,
            "status": certificate.get_status_display(),
        }
        self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(admin_change_url(certificate))

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


@dataclass(frozen=True)
class CourseCertificatesPreview:
    """What issuing a course's certificates would do, or why it is refused."""

    course: Course
    plan: IssuePlan | None = None
    error: str = ""
    organisation_to_fix: Organisation | None = None


def course_certificates_preview(course: Course) -> CourseCertificatesPreview:
    try:
        return CourseCertificatesPreview(course=course, plan=certificates_preview(course=course))
    except ValidationError as error:
        return CourseCertificatesPreview(
            course=course,
            error=" ".join(error.messages),
            organisation_to_fix=organisation_to_fix(error),
        )


class CourseCertificatesAdminMixin:
    """A course's certificates in its admin: the "Issue certificates" action with its preview,
    and links from the course's page to its certificates and their PDFs as a ZIP.

    Mixed into the course's ModelAdmin, so that everything about certificates lives here.
    """

    def has_issue_certificates_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(ISSUE_CERTIFICATES)

    @admin.action(description=_("Issue certificates"), permissions=("issue_certificates",))
    def issue_certificates(
        self, request: HttpRequest, queryset: QuerySet[Course]
    ) -> TemplateResponse | None:
        """Show who would receive a certificate and who not and why; issue once confirmed."""
        courses = list(queryset.select_related("delivered_by").order_by("title_en", "pk"))
        previews = [course_certificates_preview(course) for course in courses]
        refused = [preview for preview in previews if preview.error]
        if request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Issue certificates"),
                "opts": self.opts,
                "previews": previews,
                "refused": refused,
                "to_issue": sum(len(p.plan.eligible) for p in previews if p.plan),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "media": self.media,
            }
            return TemplateResponse(
                request, "admin/certificates/course_issue_certificates_confirmation.html", context
            )
        for preview in refused:
            self.message_user(
                request,
                NOTHING_ISSUED_MESSAGE % {"course": preview.course, "error": preview.error},
                messages.ERROR,
            )
        if not refused:
            for course in courses:
                self._issue_course_certificates(request, course)
        return None

    def _issue_course_certificates(self, request: HttpRequest, course: Course) -> None:
        try:
            issued = certificates_issue(course=course, user=request.user).issued
        except ValidationError as error:
            self.message_user(
                request,
                NOTHING_ISSUED_MESSAGE % {"course": course, "error": " ".join(error.messages)},
                messages.ERROR,
            )
            return
        if not issued:
            message = _("%(course)s: no certificate issued; nobody else is eligible.")
            self.message_user(request, message % {"course": course}, messages.WARNING)
            return
        message = ngettext(
            "%(course)s: %(count)d certificate issued (%(serials)s).",
            "%(course)s: %(count)d certificates issued (%(serials)s to %(last)s).",
            len(issued),
        ) % {
            "course": course,
            "count": len(issued),
            "serials": issued[0].serial,
            "last": issued[-1].serial,
        }
        self.message_user(request, message, messages.SUCCESS)
        if not settings.CELERY_BROKER_URL:
            return  # rendered in this request: stored, or failed and listed as such
        pending = (
            Certificate.objects.filter(pk__in=[certificate.pk for certificate in issued])
            .with_pdf_status(PdfStatus.PENDING)
            .count()
        )
        if pending:
            message = ngettext(
                "%(course)s: %(count)d PDF is being rendered; the course's page counts it.",
                "%(course)s: %(count)d PDFs are being rendered; the course's page counts them.",
                pending,
            ) % {"course": course, "count": pending}
            self.message_user(request, message, messages.INFO)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Course | None = None,
    ) -> HttpResponse:
        if obj is not None and request.user.has_perms(VIEW_CERTIFICATES):
            tools = course_certificate_tools(obj)
            context["extra_object_tools"] = [*context.get("extra_object_tools", []), *tools]
        return super().render_change_form(request, context, add, change, form_url, obj)


PDF_STATUS_TOOLS = {
    PdfStatus.PENDING: lambda count: ngettext(
        "%(count)d PDF pending", "%(count)d PDFs pending", count
    ),
    PdfStatus.FAILED: lambda count: ngettext(
        "%(count)d PDF failed", "%(count)d PDFs failed", count
    ),
}


def course_certificate_tools(course: Course) -> list[dict[str, str]]:
    """Links above a course's page to its certificates: listed, and all PDFs as a ZIP.

    While PDFs are being rendered after issue (by workers), or failed, their counts link to
    those certificates: the course's issuing job, as the API's issuing-job answer counts it.
    """
    counts = Certificate.objects.of_course(course).pdf_counts()
    changelist = reverse("admin:certificates_certificate_changelist")
    listed = f"{changelist}?enrolment__course__id__exact={course.pk}"
    label = ngettext("%(count)d certificate", "%(count)d certificates", counts["issued"])
    tools = [{"label": label % {"count": counts["issued"]}, "url": listed}]
    for status, status_label in PDF_STATUS_TOOLS.items():
        if counts[status]:
            tools.append(
                {
                    "label": status_label(counts[status]) % {"count": counts[status]},
                    "url": f"{listed}&{PdfStatusFilter.parameter_name}={status}",
                }
            )
    if counts["issued"]:
        url = reverse("certificates-api:course-certificates-zip", args=[course.pk])
        tools.append({"label": _("Certificates as ZIP"), "url": url})
    return tools
