import uuid

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from apps.core.models import FoldedNamesModel, FoldedNamesQuerySet, TimeStampedModel


class Service(models.TextChoices):
    ARMY = "army", _("army / land forces")
    NAVY = "navy", _("navy / naval forces")
    AIR_FORCE = "air_force", _("air force")
    JOINT = "joint", _("joint / general staff")
    OTHER_FORCE = "other_force", _("other armed force")
    CIVILIAN = "civilian", _("civilian")


MERGED_INTO_ITSELF_ERROR = _("A person cannot be merged into themselves.")
MERGED_AT_WITH_MERGED_INTO_ERROR = _("A merged person, and only one, has a merge date.")


def uid_names(uid: str, prefix: str = "") -> Q:
    """The person a UID names today: its own record, or the one it was merged into.

    ``prefix`` reaches the person through a relation (``"person__"``). A subquery, not a join
    on the merged people, so that a person with several merged into them is found once.
    """
    kept = Person.objects.filter(uid=uid, merged_into__isnull=False).values("merged_into")
    return Q(**{f"{prefix}uid": uid, f"{prefix}merged_into__isnull": True}) | Q(
        **{f"{prefix}pk__in": kept}
    )


class PersonQuerySet(FoldedNamesQuerySet):
    def current(self) -> "PersonQuerySet":
        """People who were not merged into another: the register as it stands."""
        return self.filter(merged_into__isnull=True)

    def merged(self) -> "PersonQuerySet":
        """People merged into another, kept so that their UID still resolves."""
        return self.filter(merged_into__isnull=False)


class PersonManager(models.Manager.from_queryset(PersonQuerySet)):
    def get_by_natural_key(self, uid: str) -> "Person":
        """The person a UID names: a merged person's UID gives the person kept in their place,
        so that records referring to it (fixtures, files from other offices) land there."""
        return self.get(uid_names(uid))

    def get_exact_by_natural_key(self, uid: str) -> "Person":
        """The record whose own UID this is, merged or not (loading that record itself)."""
        return self.get(uid=uid)


class Person(FoldedNamesModel, TimeStampedModel):
    """Someone who trains or attends training: one record whatever the role.

    Personal data: never shown to anonymous users.
    """

    uid = models.UUIDField(
        _("UID"), default=uuid.uuid4, unique=True, editable=False, help_text=_("Stable identifier.")
    )
    family_name = models.CharField(_("family name"), max_length=150)
    given_names = models.CharField(_("given names"), max_length=150, blank=True)
    patronymic = models.CharField(
        _("patronymic"), max_length=150, blank=True, help_text=_("e.g. Ağa oğlu")
    )
    rank = models.CharField(_("rank"), max_length=80, blank=True)
    service = models.CharField(_("service"), max_length=20, choices=Service.choices, blank=True)
    unit = models.CharField(_("unit"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    nationality = CountryField(_("nationality"), blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Derived from the names on every save (apps.core.names.fold_name), for searching and
    # matching them however they are written. Text: transliteration may lengthen a name.
    # On PostgreSQL the full name also has a trigram index (migration 0004) for searches.
    family_name_folded = models.TextField(_("family name, folded"), editable=False, default="")
    given_names_folded = models.TextField(_("given names, folded"), editable=False, default="")
    full_name_folded = models.TextField(_("full name, folded"), editable=False, default="")
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_people",
        help_text=_(
            "The person this record was found to duplicate: its enrolments and trainer profile "
            "moved there, and its UID names that person now."
        ),
    )
    merged_at = models.DateTimeField(_("merged at"), null=True, blank=True, editable=False)

    FOLDED_NAMES = {
        "family_name_folded": ("family_name",),
        "given_names_folded": ("given_names",),
        "full_name_folded": ("family_name", "given_names", "patronymic"),
    }

    history = HistoricalRecords()
    objects = PersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_names"]
        permissions = [("merge_person", _("Can merge people"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("id")),
                name="%(app_label)s_%(class)s_not_merged_into_itself",
                violation_error_message=MERGED_INTO_ITSELF_ERROR,
                violation_error_code="merged_into_itself",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True, merged_at__isnull=True)
                | Q(merged_into__isnull=False, merged_at__isnull=False),
                name="%(app_label)s_%(class)s_merged_at_with_merged_into",
                violation_error_message=MERGED_AT_WITH_MERGED_INTO_ERROR,
                violation_error_code="merged_at_with_merged_into",
            ),
        ]
        indexes = [
            models.Index(fields=["family_name", "given_names"]),
            models.Index(
                fields=["family_name_folded", "given_names_folded"],
                name="people_person_folded_name_idx",
            ),
            # ?nationality= in the list's order: its page and its count from the index.
            models.Index(
                fields=["nationality", "family_name", "given_names", "id"],
                name="people_person_nationality_idx",
            ),
        ]

    def __str__(self) -> str:
        name = self.full_name
        return f"{self.rank} {name}" if self.rank else name

    def get_absolute_url(self) -> str:
        return reverse("admin:people_person_change", args=[self.pk])

    def natural_key(self) -> tuple[str]:
        return (str(self.uid),)

    @property
    def full_name(self) -> str:
        """The name as written in the records: family name, given names, patronymic."""
        return full_name_of(self.family_name, self.given_names, self.patronymic)


def full_name_of(family_name: str, given_names: str, patronymic: str) -> str:
    """``Person.full_name`` of these names (the API's lists call it on their rows)."""
    return " ".join(part for part in (family_name, given_names, patronymic) if part)


class TrainerManager(models.Manager["Trainer"]):
    def get_by_natural_key(self, person_uid: str) -> "Trainer":
        return self.get(uid_names(person_uid, "person__"))


class Trainer(TimeStampedModel):
    """A person's profile as a trainer: what they teach and for whom."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="trainer_profile"
    )
    expertise = models.TextField(_("expertise"), blank=True)
    affiliation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("affiliation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainers",
        help_text=_("The organisation the person trains for, e.g. a Mobile Training Team."),
    )

    history = HistoricalRecords()
    objects = TrainerManager()

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
        ordering = ["person__family_name", "person__given_names"]

    def __str__(self) -> str:
        return str(self.person)

    def get_absolute_url(self) -> str:
        return reverse("admin:people_trainer_change", args=[self.pk])

    def natural_key(self) -> tuple[str]:
        return self.person.natural_key()

    natural_key.dependencies = ["people.person"]
