"""What the sources' API tests share: the list's address and the seed's records."""

from apps.sources.models import Source

LIST = "/api/v1/sources/"
FRENCH_REPORT = "french-press-report-logistics-planning-2026"
NOVA_REPORT = "nova-report-logistics-planning-2026"
TREND_REPORT = "trend-report-logistics-planning-2026"
ANNOUNCEMENT = "azerbaijan-mod-announcement-logistics-planning-2026"
SEED_COURSE = "ipcp-2026-logistics-planning-in-nato-baku"


def detail(source: Source) -> str:
    return f"{LIST}{source.pk}/"
