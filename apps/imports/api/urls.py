from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.imports.api.views import (
    CourseEnrolmentsExportCSVView,
    CourseEnrolmentsExportXLSXView,
    EnrolmentsImportView,
    ImportBatchViewSet,
    ImportTemplateCSVView,
    ImportTemplateXLSXView,
)

app_name = "imports-api"

router = SimpleRouter()
router.register("import-batches", ImportBatchViewSet, basename="import-batch")

# Explicit paths: a router would add a slash and read ".csv" as a format suffix.
urlpatterns = [
    path(
        "courses/<int:pk>/enrolments/import/",
        EnrolmentsImportView.as_view(),
        name="course-enrolments-import",
    ),
    path(
        "enrolments/import-template.csv",
        ImportTemplateCSVView.as_view(),
        name="import-template-csv",
    ),
    path(
        "enrolments/import-template.xlsx",
        ImportTemplateXLSXView.as_view(),
        name="import-template-xlsx",
    ),
    path(
        "courses/<int:pk>/enrolments.csv",
        CourseEnrolmentsExportCSVView.as_view(),
        name="course-enrolments-export-csv",
    ),
    path(
        "courses/<int:pk>/enrolments.xlsx",
        CourseEnrolmentsExportXLSXView.as_view(),
        name="course-enrolments-export-xlsx",
    ),
    *router.urls,
]
