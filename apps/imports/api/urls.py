from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.imports.api.views import (
    CourseEnrolmentsExportView,
    EnrolmentsImportView,
    ImportTemplateView,
)

app_name = "imports-api"

router = SimpleRouter()

# Explicit paths: a router would add a slash and read ".csv" as a format suffix.
urlpatterns = [
    path(
        "courses/<int:pk>/enrolments/import/",
        EnrolmentsImportView.as_view(),
        name="course-enrolments-import",
    ),
    *(
        path(
            f"enrolments/import-template.{file_format}",
            ImportTemplateView.as_view(file_format=file_format),
            name=f"import-template-{file_format}",
        )
        for file_format in ("csv", "xlsx")
    ),
    *(
        path(
            f"courses/<int:pk>/enrolments.{file_format}",
            CourseEnrolmentsExportView.as_view(file_format=file_format),
            name=f"course-enrolments-export-{file_format}",
        )
        for file_format in ("csv", "xlsx")
    ),
    *router.urls,
]
