"""A course's certificates in its admin: the "Issue certificates" action and the links."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.certificates.admin.certificates import PdfStatusFilter
from apps.certificates.models import Certificate, PdfStatus
from apps.certificates.services import (
    IssuePlan,
    certificates_issue,
    certificates_preview,
    organisation_to_fix,
)
from apps.core.admin import ObjectToolsMixin
from apps.core.permissions import ISSUE_CERTIFICATES, VIEW_CERTIFICATES
from apps.courses.models import Course
from apps.organisations.models import Organisation

NOTHING_ISSUED_MESSAGE = _("%(course)s: nothing was issued. %(error)s")


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


class CourseCertificatesAdminMixin(ObjectToolsMixin):
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

    def get_object_tools(self, request: HttpRequest, obj: Course) -> list[dict[str, str]]:
        tools = course_certificate_tools(obj) if request.user.has_perms(VIEW_CERTIFICATES) else []
        return [*tools, *super().get_object_tools(request, obj)]


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
