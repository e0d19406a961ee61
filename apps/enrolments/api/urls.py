from rest_framework.routers import SimpleRouter

from apps.enrolments.api.views import EnrolmentViewSet

app_name = "enrolments-api"

router = SimpleRouter()
router.register("enrolments", EnrolmentViewSet, basename="enrolment")

urlpatterns = router.urls
