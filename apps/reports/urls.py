"""The reports' admin pages, under /admin/reports/: staff only, through the admin's login."""

from django.contrib import admin
from django.urls import path

from apps.reports import views

app_name = "reports"

urlpatterns = [
    path("", admin.site.admin_view(views.reports_index), name="index"),
    path(
        "courses/<int:course_id>/attendance/",
        admin.site.admin_view(views.course_attendance_page),
        name="course-attendance",
    ),
    *(
        path(
            f"courses/<int:course_id>/attendance.{file_format}",
            admin.site.admin_view(views.course_attendance_file),
            {"file_format": file_format},
            name=f"course-attendance-{file_format}",
        )
        for file_format in ("pdf", "csv", "xlsx")
    ),
]
