from typing import TYPE_CHECKING

from rest_framework.permissions import SAFE_METHODS, BasePermission, DjangoModelPermissions

from apps.core.permissions import (
    CHANGE_CERTIFICATES,
    ISSUE_CERTIFICATES,
    VIEW_ATTENDANCE,
    VIEW_CERTIFICATES,
    VIEW_REPORTS,
)

if TYPE_CHECKING:  # rest_framework.views imports this module through the settings
    from rest_framework.request import Request
    from rest_framework.views import APIView

VIEW_PERMISSION = "%(app_label)s.view_%(model_name)s"


class ModelPermissions(DjangoModelPermissions):
    """Django model permissions, with reading requiring the view permission too.

    DRF's own class lets any authenticated user read; personal data must not be.
    """

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": [VIEW_PERMISSION],
        "HEAD": [VIEW_PERMISSION],
    }


class PublicReadModelPermissions(ModelPermissions):
    """The public catalogue: anyone may read; writing needs the model permissions."""

    def has_permission(self, request: "Request", view: "APIView") -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)


class HasPermissions(BasePermission):
    """The user holds every permission in ``required``; anonymous users get a 401.

    For actions whose permission is not the one their HTTP method and model give: issuing is
    a POST about a (publicly readable) course, revoking a POST on a certificate.
    """

    required: tuple[str, ...] = ()

    def has_permission(self, request: "Request", view: "APIView") -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perms(self.required))


class CanViewCertificates(HasPermissions):
    required = VIEW_CERTIFICATES


class CanIssueCertificates(HasPermissions):
    required = ISSUE_CERTIFICATES


class CanChangeCertificates(HasPermissions):
    required = CHANGE_CERTIFICATES


class CanViewReports(HasPermissions):
    required = VIEW_REPORTS


class CanViewAttendance(HasPermissions):
    required = VIEW_ATTENDANCE
