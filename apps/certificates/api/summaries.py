"""The short forms of certificates, as other records show them.

Kept apart from the full serializers so that any app's serializers can import them
without import cycles.
"""

from apps.certificates.models import Certificate
from apps.core.api.serializers import ModelSerializer


class CertificateSummarySerializer(ModelSerializer):
    """The short form of a certificate."""

    class Meta:
        model = Certificate
        fields = ["id", "serial", "status", "issued_on"]
        read_only_fields = fields
