"""The NATO bodies that deliver demonstration courses, and the news agencies that report them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Deliverer:
    """A NATO body that delivers training; ``prefix`` when it issues certificates itself."""

    key: str
    name_en: str
    name_fr: str
    acronym: str
    kind: str  # an OrganisationKind value
    prefix: str = ""
    parent: str = "nato"


NATO = Deliverer(
    "nato",
    "North Atlantic Treaty Organization",
    "Organisation du Traité de l'Atlantique Nord",
    "NATO",
    "alliance",
    parent="",
)
# JFC Brunssum and its prefix JFCBS belong to the seed: demonstration data never takes them.
DELIVERERS = (
    Deliverer(
        "jfc-naples",
        "Allied Joint Force Command Naples",
        "Commandement des forces interarmées de l'OTAN à Naples",
        "JFCNP",
        "command",
        prefix="JFCNP",
    ),
    Deliverer(
        "jfc-norfolk",
        "Joint Force Command Norfolk",
        "Commandement des forces interarmées de Norfolk",
        "JFCNF",
        "command",
        prefix="JFCNF",
    ),
    Deliverer(
        "nato-school",
        "NATO School Oberammergau",
        "École de l'OTAN d'Oberammergau",
        "NSO",
        "command",
        prefix="NSO",
    ),
    Deliverer(
        "nato-defense-college",
        "NATO Defense College",
        "Collège de défense de l'OTAN",
        "NDC",
        "command",
        prefix="NDC",
    ),
    Deliverer(
        "mtt-jfc-naples",
        "NATO Mobile Training Team of JFC Naples",
        "Groupe mobile d'entraînement de l'OTAN du JFC Naples",
        "MTT",
        "training_team",
        parent="jfc-naples",
    ),
    Deliverer(
        "mtt-jfc-norfolk",
        "NATO Mobile Training Team of JFC Norfolk",
        "Groupe mobile d'entraînement de l'OTAN du JFC Norfolk",
        "MTT",
        "training_team",
        parent="jfc-norfolk",
    ),
    Deliverer(
        "deep-team",
        "Defence Education Enhancement Programme team",
        "Équipe du programme de renforcement de la formation militaire",
        "DEEP",
        "training_team",
        parent="nato-defense-college",
    ),
)
TEACHING_DELIVERERS = (
    "mtt-jfc-naples",
    "mtt-jfc-norfolk",
    "nato-school",
    "nato-defense-college",
    "deep-team",
)

NEWS_AGENCIES = (
    ("apa", "APA", "AZ", "en"),
    ("report-az", "Report.az", "AZ", "az"),
    ("interpressnews", "Interpressnews", "GE", "ka"),
    ("ukrinform", "Ukrinform", "UA", "uk"),
    ("moldpres", "Moldpres", "MD", "ro"),
    ("kazinform", "Kazinform", "KZ", "ru"),
    ("petra", "Petra", "JO", "ar"),
    ("map", "Maghreb Arabe Presse", "MA", "fr"),
    ("defense-news", "Defense News", "US", "en"),
    ("afp", "Agence France-Presse", "FR", "fr"),
)
