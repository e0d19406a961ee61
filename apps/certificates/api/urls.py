from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.certificates.api.views import (
    CertificateViewSet,
    CourseCertificatesIssueView,
    CourseCertificatesZipView,
    CourseIssuingJobView,
)

app_name = "certificates-api"

router = SimpleRouter()
router.register("certificates", CertificateViewSet, basename="certificate")

urlpatterns = [
    # A course's certificates are served here, beside the courses' own addresses.
    path(
        "courses/<int:pk>/issue-certificates/",
        CourseCertificatesIssueView.as_view(),
        name="course-issue-certificates",
    ),
    path(
        "courses/<int:pk>/issuing-job/",
        CourseIssuingJobView.as_view(),
        name="course-issuing-job",
    ),
    # Not a router action: the router would add a slash and read ".zip" as a format suffix.
    path(
        "courses/<int:pk>/certificates.zip",
        CourseCertificatesZipView.as_view(),
        name="course-certificates-zip",
    ),
    *router.urls,
]
