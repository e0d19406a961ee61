from rest_framework.routers import SimpleRouter

from apps.programmes.api.views import ProgrammeViewSet

app_name = "programmes-api"

router = SimpleRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")

urlpatterns = router.urls
