from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.reports.api.views import (
    CertificatesIssuedViewSet,
    CourseAttendanceCSVView,
    CourseAttendancePDFView,
    CourseAttendanceView,
    CourseAttendanceXLSXView,
    ParticipantsTrainedViewSet,
    ProgrammeFigureViewSet,
)

app_name = "reports-api"

router = SimpleRouter()
router.register("reports/programme-figures", ProgrammeFigureViewSet, basename="programme-figure")
router.register(
    "reports/participants-trained", ParticipantsTrainedViewSet, basename="participants-trained"
)
router.register(
    "reports/certificates-issued", CertificatesIssuedViewSet, basename="certificates-issued"
)

# Explicit paths: a router would add a slash after "attendance.pdf" and read ".pdf" as a format.
urlpatterns = [
    *router.urls,
    path(
        "reports/courses/<int:pk>/attendance/",
        CourseAttendanceView.as_view(),
        name="course-attendance",
    ),
    path(
        "reports/courses/<int:pk>/attendance.pdf",
        CourseAttendancePDFView.as_view(),
        name="course-attendance-pdf",
    ),
    path(
        "reports/courses/<int:pk>/attendance.csv",
        CourseAttendanceCSVView.as_view(),
        name="course-attendance-csv",
    ),
    path(
        "reports/courses/<int:pk>/attendance.xlsx",
        CourseAttendanceXLSXView.as_view(),
        name="course-attendance-xlsx",
    ),
]
