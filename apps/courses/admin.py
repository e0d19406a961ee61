from django.contrib import admin
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from simple_history.admin import SimpleHistoryAdmin

from apps.certificates.admin import CourseCertificatesAdminMixin
from apps.core.admin import RECORD_FIELDSET, BilingualAdminMixin, admin_link
from apps.courses.forms import CourseAdminForm
from apps.courses.models import Course, CoursePart, CourseTrainer
from apps.dashboard.filters import CourseAwaitingCertificatesFilter, CourseStartFilter
from apps.enrolments.models import Enrolment
from apps.imports.admin import CourseImportsAdminMixin
from apps.reports.admin import CourseReportsAdminMixin
from apps.sources.models import CourseSource

# Each part's bilingual fields side by side: English on the left, French on the right.
PART_FIELDS = (
    ("position", "kind"),
    ("title_en", "title_fr"),
    ("scenario_en", "scenario_fr"),
    ("description_en", "description_fr"),
    ("audience_en", "audience_fr"),
)


class CoursePartInline(BilingualAdminMixin, admin.StackedInline):
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


@admin.register(Course)
class CourseAdmin(
    BilingualAdminMixin,
    CourseImportsAdminMixin,
    CourseCertificatesAdminMixin,
    CourseReportsAdminMixin,
    SimpleHistoryAdmin,
):
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
        CourseStartFilter,
        CourseAwaitingCertificatesFilter,
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
        # Each language's name in itself, as the language switch shows it.
        (_("English"), {"fields": ("summary_en", "outcome_en")}),
        (_("French"), {"fields": ("summary_fr", "outcome_fr")}),
        RECORD_FIELDSET,
    )
    inlines = (CoursePartInline, CourseTrainerInline, CourseEnrolmentInline, CourseSourceInline)
    actions = ("issue_certificates",)  # from CourseCertificatesAdminMixin

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
class CoursePartAdmin(BilingualAdminMixin, SimpleHistoryAdmin):
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
