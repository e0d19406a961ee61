from rest_framework.routers import SimpleRouter

from apps.people.api.views import PersonViewSet, TrainerViewSet

app_name = "people-api"

router = SimpleRouter()
router.register("people", PersonViewSet, basename="person")
router.register("trainers", TrainerViewSet, basename="trainer")

urlpatterns = router.urls
