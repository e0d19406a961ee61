from rest_framework.routers import SimpleRouter

from apps.certificates.api.views import CertificateViewSet

app_name = "certificates-api"

router = SimpleRouter()
router.register("certificates", CertificateViewSet, basename="certificate")

urlpatterns = router.urls
