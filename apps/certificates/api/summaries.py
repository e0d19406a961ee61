"""The short forms of certificates, as other records show them.

Kept apart from the full serializers so that any app's serializers can import them
without import cycles.
"""

from rest_framework import serializers

from apps.certificates.models import Certificate


class CertificateSummarySerializer(serializers.ModelSerializer):
    """The short form of a certificate."""

    class Meta:
        model = Certificate
        fields = ["id", "serial", "status", "issued_on"]
        read_only_fields = fields
