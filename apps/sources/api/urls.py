from rest_framework.routers import SimpleRouter

from apps.sources.api.views import SourceViewSet

app_name = "sources-api"

router = SimpleRouter()
router.register("sources", SourceViewSet, basename="source")

urlpatterns = router.urls
