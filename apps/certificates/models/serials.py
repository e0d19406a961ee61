"""The serial counters: the last serial number each issuer gave in a year."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SerialCounter(models.Model):
    """The last serial number an issuer gave in a year.

    Its row is locked (``SELECT … FOR UPDATE``) for the whole issuing transaction, so serials
    are sequential without gaps: a rolled-back issue leaves the counter where it was, which a
    database sequence would not.
    """

    issuer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("issuer"),
        on_delete=models.PROTECT,
        related_name="serial_counters",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("serial counter")
        verbose_name_plural = _("serial counters")
        ordering = ["issuer", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year"], name="%(app_label)s_%(class)s_one_per_issuer_and_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year}: {self.last_number}"
