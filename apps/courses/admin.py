from dataclasses import dataclass
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin

from apps.certificates.models import Certificate
from apps.certificates.services import (
    IssuePlan,
    certificates_issue,
    certificates_preview,
    organisation_to_fix,
)
from apps.core.admin import RECORD_FIELDSET, admin_link
from apps.courses.forms import CourseAdminForm
from apps.courses.models import Course, CoursePart, CourseTrainer
from apps.enrolments.models import Enrolment
from apps.organisations.models import Organisation
from apps.sources.models import CourseSource

# Each part's bilingual fields side by side: English on the left, French on the right.
PART_FIELDS = (
    ("position", "kind"),
    ("title_en", "title_fr"),
    ("scenario_en", "scenario_fr"),
    ("description_en", "description_fr"),
    ("audience_en", "audience_fr"),
)


class CoursePartInline(admin.StackedInline):
    model = CoursePart
    fields = PART_FIELDS
    ordering = ("position",)
    extra = 0


class CourseTrainerInline(admin.TabularInline):
    model = CourseTrainer
    fields = ("trainer", "role")
    autocomplete_fields = ("trainer",)
    extra = 0


class CourseEnrolmentInline(admin.TabularInline):
    model = Enrolment
    fields = ("person", "status", "nominated_on", "completed_on", "result")
    autocomplete_fields = ("person",)
    extra = 0
    show_change_link = True


class CourseSourceInline(admin.TabularInline):
    model = CourseSource
    autocomplete_fields = ("source",)
    extra = 0
    verbose_name = _("supporting source")
    verbose_name_plural = _("supporting sources")


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


@admin.register(Course)
class CourseAdmin(SimpleHistoryAdmin):
    form = CourseAdminForm
    list_display = (
        "title_en",
        "programme_link",
        "city",
        "country",
        "start",
        "end",
        "status",
        "delivered_by_link",
    )
    list_filter = (
        "status",
        ("country", CountryFilter),
        "certificates_awarded",
        ("programme", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("programme", "delivered_by")
    date_hierarchy = "start_date"
    search_fields = (
        "title_en",
        "title_fr",
        "slug",
        "city",
        "pcm_activity",
        "programme__title_en",
        "programme__title_fr",
    )
    autocomplete_fields = ("programme", "delivered_by", "organised_by")
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("title_en", "title_fr"),
                    ("slug", "pcm_activity"),
                    "programme",
                    "status",
                )
            },
        ),
        (
            _("Place and dates"),
            {
                "fields": (
                    ("city", "country"),
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
                ),
                "description": _(
                    "Give a date as far as it is known: with precision “year”, any day of the "
                    "year will do; leave the date empty when its precision is unknown."
                ),
            },
        ),
        (_("Delivery"), {"fields": ("delivered_by", "organised_by", "certificates_awarded")}),
        ("English", {"fields": ("summary_en", "outcome_en")}),
        ("Français", {"fields": ("summary_fr", "outcome_fr")}),
        RECORD_FIELDSET,
    )
    inlines = (CoursePartInline, CourseTrainerInline, CourseEnrolmentInline, CourseSourceInline)
    actions = ("issue_certificates",)

    def has_issue_certificates_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("certificates.add_certificate")

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
                request, "admin/courses/course/issue_certificates_confirmation.html", context
            )
        for preview in refused:
            self.message_user(
                request,
                NOTHING_ISSUED_MESSAGE % {"course": preview.course, "error": preview.error},
                messages.ERROR,
            )
        if not refused:
            for course in courses:
                self.issue_course_certificates(request, course)
        return None

    def issue_course_certificates(self, request: HttpRequest, course: Course) -> None:
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

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Course | None = None,
    ) -> HttpResponse:
        if obj is not None and request.user.has_perm("certificates.view_certificate"):
            context["extra_object_tools"] = self.certificate_tools(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def certificate_tools(self, course: Course) -> list[dict[str, str]]:
        """Links above the course's page to its certificates: listed, and all PDFs as a ZIP."""
        count = Certificate.objects.filter(enrolment__course=course).count()
        changelist = reverse("admin:certificates_certificate_changelist")
        label = ngettext("%(count)d certificate", "%(count)d certificates", count)
        tools = [
            {
                "label": label % {"count": count},
                "url": f"{changelist}?enrolment__course__id__exact={course.pk}",
            }
        ]
        if count:
            url = reverse("courses-api:course-certificates-zip", args=[course.pk])
            tools.append({"label": _("Certificates as ZIP"), "url": url})
        return tools

    @admin.display(description=_("programme"), ordering="programme__title_en")
    def programme_link(self, obj: Course) -> SafeString | None:
        return admin_link(obj.programme)

    @admin.display(description=_("delivered by"), ordering="delivered_by__name_en")
    def delivered_by_link(self, obj: Course) -> SafeString | None:
        return admin_link(obj.delivered_by)

    @admin.display(description=_("start"), ordering="start_date")
    def start(self, obj: Course) -> str | None:
        return obj.start_display or None

    @admin.display(description=_("end"), ordering="end_date")
    def end(self, obj: Course) -> str | None:
        return obj.end_display or None


@admin.register(CoursePart)
class CoursePartAdmin(SimpleHistoryAdmin):
    """Parts are recorded on their course's page; this list finds them across courses."""

    list_display = ("__str__", "kind", "course_link")
    list_filter = ("kind",)
    list_select_related = ("course",)
    search_fields = (
        "title_en",
        "title_fr",
        "scenario_en",
        "scenario_fr",
        "course__title_en",
        "course__title_fr",
    )
    autocomplete_fields = ("course",)
    fieldsets = ((None, {"fields": ("course",)}), (_("Part"), {"fields": PART_FIELDS}))

    @admin.display(description=_("course"), ordering="course__title_en")
    def course_link(self, obj: CoursePart) -> SafeString | None:
        return admin_link(obj.course)
