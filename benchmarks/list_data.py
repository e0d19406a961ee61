"""The data the list-endpoint benchmark runs on: same seed, same day, same rows, every run."""

import datetime

SEED = 20260306
# The day the data is generated for: fixed, so that two runs serve the same pages.
TODAY = datetime.date(2026, 11, 29)


def fill(scale: int) -> dict[str, int]:
    """The register ``manage.py generate_demo_data --scale`` makes, for ``scale`` people.

    About 40 partner nations with their ministries, programmes per partner and year, a course
    for every 18 participants or so with its parts and trainers, an enrolment per participant
    (one in eight has two), certificates for the completed ones (some revoked or superseded)
    and the sources (README, "Demonstration data").
    """
    from apps.demo.services import demo_data_generate

    report = demo_data_generate(scale=scale, seed=SEED, today=TODAY)
    return report.created
