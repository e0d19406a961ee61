"""A cooperation programme per partner nation and year: IPCP for Partnership for Peace nations,
ITPP for the others."""

from apps.demo import catalogue
from apps.demo.build.context import Build, PlannedCourse
from apps.demo.selectors import DEMO_SLUG_PREFIX
from apps.programmes.models import Programme, ProgrammeKind, ProgrammeStatus

PFP_NATIONS = {"AZ", "GE", "UA", "MD", "AM", "KZ", "UZ", "KG", "TJ", "TM", "BA", "RS", "AT",
               "CH", "IE", "MT", "FI", "SE"}  # fmt: skip


def programmes_make(build: Build, planned: list[PlannedCourse]) -> dict[tuple[str, int], Programme]:
    """A programme per partner and year that has a course."""
    today = build.today
    keys = sorted({(p.nation.code, p.course.start_date.year) for p in planned})
    nations = {nation.code: nation for nation in catalogue.NATIONS}
    programmes = {}
    for code, year in keys:
        nation = nations[code]
        if code in PFP_NATIONS:
            kind = ProgrammeKind.IPCP
            name_en, name_fr = (
                "Individual Partnership Cooperation Programme (IPCP)",
                "Programme de coopération de partenariat individuel (IPCP)",
            )
        else:
            kind = ProgrammeKind.ITPP
            name_en, name_fr = (
                "Individually Tailored Partnership Programme (ITPP)",
                "Programme de partenariat individualisé (ITPP)",
            )
        status = (
            ProgrammeStatus.COMPLETED
            if year < today.year
            else ProgrammeStatus.IN_FORCE
            if year == today.year
            else ProgrammeStatus.DRAFT
        )
        programmes[code, year] = Programme(
            slug=f"{DEMO_SLUG_PREFIX}{kind}-{year}-{code.lower()}",
            kind=kind,
            title_en=f"{name_en} for {year} between the Ministry of Defence of "
            f"{nation.name_en} and NATO",
            title_fr=f"{name_fr} pour {year} entre le ministère de la Défense "
            f"({nation.name_fr}) et l'OTAN",
            partner=build.ministries[code],
            nato_side=build.organisations["nato"],
            start_year=year,
            end_year=year,
            status=status,
            description_en=f"The cooperation activities agreed with {nation.name_en} for {year}.",
            description_fr=f"Les activités de coopération convenues pour {year} "
            f"({nation.name_fr}).",
            **build.stamps(),
        )
    build.save(Programme, list(programmes.values()))
    return programmes
