from rest_framework.routers import SimpleRouter

from apps.courses.api.views import CoursePartViewSet, CourseTrainerViewSet, CourseViewSet

app_name = "courses-api"

router = SimpleRouter()
router.register("courses", CourseViewSet, basename="course")
router.register("course-parts", CoursePartViewSet, basename="course-part")
router.register("course-trainers", CourseTrainerViewSet, basename="course-trainer")

urlpatterns = router.urls
