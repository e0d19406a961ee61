from django.urls import path
from rest_framework.routers import SimpleRouter

from apps.courses.api.views import (
    CourseCertificatesZipView,
    CoursePartViewSet,
    CourseTrainerViewSet,
    CourseViewSet,
)

app_name = "courses-api"

router = SimpleRouter()
router.register("courses", CourseViewSet, basename="course")
router.register("course-parts", CoursePartViewSet, basename="course-part")
router.register("course-trainers", CourseTrainerViewSet, basename="course-trainer")

urlpatterns = [
    # Not a router action: the router would add a slash and read ".zip" as a format suffix.
    path(
        "courses/<int:pk>/certificates.zip",
        CourseCertificatesZipView.as_view(),
        name="course-certificates-zip",
    ),
    *router.urls,
]
