from rest_framework.routers import SimpleRouter

from apps.organisations.api.views import OrganisationViewSet

app_name = "organisations-api"

router = SimpleRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")

urlpatterns = router.urls
