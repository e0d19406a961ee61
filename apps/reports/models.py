from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """No table: the home of the permission to read the reports' aggregate figures.

    The figures name no person, so the role groups may read them; a course's attendance list
    names people and needs the enrolments' view permission instead.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_report", _("Can view reports"))]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
