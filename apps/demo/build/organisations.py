"""NATO and its deliverers, a ministry of defence per partner nation, the news agencies."""

from apps.demo import catalogue
from apps.demo.build.context import Build
from apps.demo.selectors import DEMO_SLUG_PREFIX
from apps.organisations.models import Organisation, OrganisationKind


def organisations_make(build: Build) -> None:
    """Every organisation, parents first; ``build`` learns each deliverer's issuer."""
    nato = catalogue.NATO
    parents = [nato, *(d for d in catalogue.DELIVERERS if d.parent == "nato")]
    for group in (parents, [d for d in catalogue.DELIVERERS if d.parent != "nato"]):
        made = [
            Organisation(
                slug=f"{DEMO_SLUG_PREFIX}{body.key}",
                name_en=body.name_en,
                name_fr=body.name_fr,
                acronym=body.acronym,
                kind=body.kind,
                parent=build.organisations.get(body.parent),
                serial_prefix=body.prefix,
                **build.stamps(),
            )
            for body in group
        ]
        build.save(Organisation, made)
        for body, organisation in zip(group, made, strict=True):
            build.organisations[body.key] = organisation
    for body in catalogue.DELIVERERS:
        issuer = body
        while not issuer.prefix:
            issuer = next(d for d in catalogue.DELIVERERS if d.key == issuer.parent)
        build.issuers[body.key] = build.organisations[issuer.key]
    ministries = [
        Organisation(
            slug=f"{DEMO_SLUG_PREFIX}mod-{nation.code.lower()}",
            name_en=f"Ministry of Defence of {nation.name_en}",
            name_fr=f"Ministère de la Défense ({nation.name_fr})",
            kind=OrganisationKind.MINISTRY,
            country=nation.code,
            **build.stamps(),
        )
        for nation in catalogue.NATIONS
    ]
    agencies = [
        Organisation(
            slug=f"{DEMO_SLUG_PREFIX}{key}",
            name_en=name,
            name_fr=name,
            kind=OrganisationKind.NEWS_AGENCY,
            country=country,
            **build.stamps(),
        )
        for key, name, country, _language in catalogue.NEWS_AGENCIES
    ]
    build.save(Organisation, ministries + agencies)
    build.ministries = {o.country.code: o for o in ministries}
    build.agencies = list(zip(agencies, catalogue.NEWS_AGENCIES, strict=True))
