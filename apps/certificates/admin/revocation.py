"""Revoking certificates (several with one reason, or one from its page) and correcting one."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.certificates.forms import (
    CertificateCorrectionForm,
    CertificateRevokeForm,
    certificate_correction_initial,
    certificate_record_differences,
)
from apps.certificates.models import Certificate, CertificateStatus
from apps.certificates.services import (
    certificate_revoke,
    certificate_supersede,
    certificates_revoke,
)
from apps.core.admin import ObjectToolsMixin, admin_change_url
from apps.core.permissions import CHANGE_CERTIFICATES

NOT_REVOCABLE_MESSAGE = _(
    "Nothing was revoked: only valid certificates can be revoked, and these are not: %(list)s."
)
NOT_VALID_MESSAGES = {
    "revoke": _("Certificate %(serial)s is %(status)s: only a valid certificate can be revoked."),
    "correct": _(
        "Certificate %(serial)s is %(status)s: only a valid certificate can be corrected."
    ),
}


class CertificateRevocationAdminMixin(ObjectToolsMixin):
    """Revoke or correct certificates from the admin: an action, and two pages of one certificate.

    The revoke and correction pages are refused before anything is asked when the certificate
    is no longer valid.
    """

    def get_object_urls(self) -> list[URLPattern]:
        return [
            self.object_path("revoke/", self.revoke_view, "revoke"),
            self.object_path("supersede/", self.supersede_view, "supersede"),
            *super().get_object_urls(),
        ]

    def get_object_tools(self, request: HttpRequest, obj: Certificate) -> list[dict[str, str]]:
        """Revoke or correct a valid certificate."""
        tools = []
        if obj.status == CertificateStatus.VALID and self.has_supersede_permission(request):
            revoke = reverse("admin:certificates_certificate_revoke", args=[obj.pk])
            correct = reverse("admin:certificates_certificate_supersede", args=[obj.pk])
            tools.append({"label": _("Revoke"), "url": revoke})
            tools.append({"label": _("Correct (supersede)"), "url": correct})
        return [*tools, *super().get_object_tools(request, obj)]

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(CHANGE_CERTIFICATES)

    def has_supersede_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms(CHANGE_CERTIFICATES)

    @admin.action(description=_("Revoke selected certificates"), permissions=("revoke",))
    def revoke_selected(
        self, request: HttpRequest, queryset: QuerySet[Certificate]
    ) -> TemplateResponse | None:
        certificates = list(queryset.select_related("enrolment__person").order_by("serial"))
        not_valid = [c for c in certificates if c.status != CertificateStatus.VALID]
        if not_valid:  # refused before a reason is asked for
            listed = ", ".join(f"{c.serial} ({c.get_status_display()})" for c in not_valid)
            self.message_user(request, NOT_REVOCABLE_MESSAGE % {"list": listed}, messages.ERROR)
            return None
        confirmed = request.POST.get("post") == "yes"
        form = CertificateRevokeForm(request.POST if confirmed else None)
        if confirmed and form.is_valid():
            try:
                revoked = certificates_revoke(
                    certificates=certificates,
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                )
            except ValidationError as error:
                message = _("Nothing was revoked: %(error)s") % {"error": " ".join(error.messages)}
                self.message_user(request, message, messages.ERROR)
                return None
            message = ngettext(
                "Revoked %(count)d certificate: %(serials)s.",
                "Revoked %(count)d certificates: %(serials)s.",
                len(revoked),
            ) % {"count": len(revoked), "serials": ", ".join(c.serial for c in revoked)}
            self.message_user(request, message, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke certificates"),
            "opts": self.opts,
            "certificates": certificates,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(
            request, "admin/certificates/certificate/revoke_selected_confirmation.html", context
        )

    def supersede_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Correct one certificate: a new one with a new serial supersedes it."""
        if not self.has_supersede_permission(request):
            raise PermissionDenied
        certificate = self._valid_certificate(request, object_id, "correct")
        if isinstance(certificate, HttpResponse):
            return certificate
        initial = certificate_correction_initial(certificate)
        form = CertificateCorrectionForm(
            request.POST if request.method == "POST" else None, initial=initial
        )
        if form.is_bound and form.is_valid():
            try:
                new = certificate_supersede(
                    certificate=certificate,
                    reason=form.cleaned_data["reason"],
                    corrections=form.corrections(),
                    user=request.user,
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                message = _("Certificate %(new)s was issued; it supersedes %(old)s.") % {
                    "new": new.serial,
                    "old": certificate.serial,
                }
                self.message_user(request, message, messages.SUCCESS)
                return HttpResponseRedirect(admin_change_url(new))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Correct certificate %(serial)s") % {"serial": certificate.serial},
            "opts": self.opts,
            "original": certificate,
            "form": form,
            "record_differences": certificate_record_differences(certificate),
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/certificates/certificate/supersede_form.html", context
        )

    def revoke_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Revoke one certificate from its own page, with the reason recorded."""
        if not self.has_revoke_permission(request):
            raise PermissionDenied
        certificate = self._valid_certificate(request, object_id, "revoke")
        if isinstance(certificate, HttpResponse):
            return certificate
        form = CertificateRevokeForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                certificate_revoke(
                    certificate=certificate, reason=form.cleaned_data["reason"], user=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                message = _("Certificate %(serial)s was revoked.") % {"serial": certificate.serial}
                self.message_user(request, message, messages.SUCCESS)
                return HttpResponseRedirect(admin_change_url(certificate))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revoke certificate %(serial)s") % {"serial": certificate.serial},
            "opts": self.opts,
            "original": certificate,
            "certificates": [certificate],
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/certificates/certificate/revoke_form.html", context)

    def _valid_certificate(
        self, request: HttpRequest, object_id: str, operation: str
    ) -> Certificate | HttpResponse:
        """The certificate a revoke or correction page acts on, or the answer that refuses it.

        Refused before anything is asked when it is no longer valid: back to its page, saying why.
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        certificate = self.get_object(request, unquote(object_id))
        if certificate is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if certificate.status == CertificateStatus.VALID:
            return certificate
        message = NOT_VALID_MESSAGES[operation] % {
            "serial": certificate.serial,
            "status": certificate.get_status_display(),
        }
        self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(admin_change_url(certificate))
