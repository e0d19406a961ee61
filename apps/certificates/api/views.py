from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.serializers import BaseSerializer

from apps.certificates.api.filters import CertificateFilterSet
from apps.certificates.api.serializers import CertificateDetailSerializer, CertificateSerializer
from apps.certificates.models import Certificate
from apps.core.api.permissions import ModelPermissions


class CertificateViewSet(viewsets.ReadOnlyModelViewSet):
    """Certificates issued for completed enrolments: read-only, never deleted (personal data)."""

    queryset = Certificate.objects.select_related(
        "issued_by",
        "enrolment__course",
        "enrolment__person",
        "revoked_by",
        "supersedes",
        "superseded_by",
    ).order_by("-issued_on", "serial", "id")
    serializer_class = CertificateSerializer
    permission_classes = [ModelPermissions]
    filterset_class = CertificateFilterSet
    search_fields = ["serial", "enrolment__person__family_name"]
    ordering_fields = ["issued_on", "serial"]

    def get_serializer_class(self) -> type[BaseSerializer]:
        return CertificateDetailSerializer if self.action == "retrieve" else CertificateSerializer

    def check_permissions(self, request: Request) -> None:
        # DRF asks for the model permissions before it looks for the method, so a write
        # would be a 403 for some users and a 405 for others; nobody may write here.
        if request.user.is_authenticated and request.method not in self.allowed_methods:
            self.http_method_not_allowed(request)
        super().check_permissions(request)
