"""How fast certificates are made: PDF render time in-process, and end-to-end issuing.

Run from the project's root:

    DEBUG=true .venv/bin/python benchmarks/certificate_pdf.py [--renders 50] [--warm-up 3]

Prints markdown tables (paste them into the issue). The render is timed on an unsaved
certificate built in memory, so it needs no database; the process is pinned to one core where
the OS allows it, because the aim (p50 at most 250 ms) is per core.
"""

import argparse
import datetime
import logging
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from common import markdown_table, percentile, pin_to_one_core

if TYPE_CHECKING:
    from apps.certificates.models import Certificate

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RENDER_AIM_MS = 250.0
ISSUING_AIM_PER_SECOND = 4.0


def django_setup() -> None:
    sys.path.insert(0, str(PROJECT_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")
    import django

    django.setup()
    # Without HarfBuzz, WeasyPrint warns at every render; the machine table says it once.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)


def sample_certificate() -> "Certificate":
    """An unsaved certificate with realistic frozen fields and an Azerbaijani holder."""
    from apps.certificates.models import Certificate, new_verification_code
    from apps.core.dates import DatePrecision

    return Certificate(
        serial="JFCBS-2026-000042",
        verification_code=new_verification_code(),
        issued_on=datetime.date(2026, 3, 6),
        holder_name="Əliyev Şəhriyar Ağa oğlu",
        holder_family_name="Əliyev",
        course_title_en="Logistics Planning in Multinational Operations",
        course_title_fr="Planification logistique des opérations multinationales",
        course_start_date=datetime.date(2026, 3, 2),
        course_start_precision=DatePrecision.DAY,
        course_end_date=datetime.date(2026, 3, 6),
        course_end_precision=DatePrecision.DAY,
        course_city="Baku",
        course_country="AZ",
        programme_title_en="Individual Partnership and Cooperation Programme 2026",
        programme_title_fr="Programme individuel de partenariat et de coopération 2026",
        issuer_name_en="Joint Force Command Brunssum",
        issuer_name_fr="Commandement de forces interarmées de Brunssum",
    )


def summary(times: list[float]) -> dict[str, float]:
    return {
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "min": min(times),
        "max": max(times),
    }


def benchmark_render(*, renders: int, warm_up: int) -> dict[str, object]:
    """Render one certificate ``renders`` times after ``warm_up`` renders; times in ms.

    Wall-clock time and this process's CPU time: on a busy machine the CPU time still says
    what a render costs on one core.
    """
    from apps.certificates.pdf import certificate_pdf_render

    certificate = sample_certificate()
    started = time.perf_counter()
    pdf = certificate_pdf_render(certificate)
    cold = (time.perf_counter() - started) * 1000
    for _ in range(warm_up - 1):
        certificate_pdf_render(certificate)
    wall, cpu = [], []
    for _ in range(renders):
        started, started_cpu = time.perf_counter(), time.process_time()
        certificate_pdf_render(certificate)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "renders": renders,
        "wall": summary(wall),
        "cpu": summary(cpu),
        "cold": cold,
        "kib": len(pdf) / 1024,
    }


def benchmark_issuing(*, enrolments: int = 200) -> dict[str, float]:
    """End-to-end issuing of one course with ``enrolments`` completed enrolments.

    In a throw-away test database (SQLite in memory, or ``test_<name>`` on PostgreSQL when
    ``DATABASE_URL`` names one) and a temporary media folder: the service's one call makes
    the rows and serials, then renders, stores and hashes every PDF.
    """
    import tempfile

    from django.db import connection
    from django.test.utils import override_settings

    from apps.certificates.models import Certificate
    from apps.certificates.services import certificates_issue
    from apps.courses.models import Course, CourseStatus
    from apps.enrolments.models import Enrolment, EnrolmentStatus
    from apps.organisations.models import Organisation, OrganisationKind
    from apps.people.models import Person
    from apps.programmes.models import Programme

    database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            issuer = Organisation.objects.create(
                slug="bench-issuer",
                name_en="Bench Command",
                kind=OrganisationKind.COMMAND,
                serial_prefix="BENCH",
            )
            partner = Organisation.objects.create(
                slug="bench-partner", name_en="Bench Ministry", kind=OrganisationKind.MINISTRY
            )
            programme = Programme.objects.create(
                slug="bench",
                kind="ipcp",
                title_en="Bench programme",
                partner=partner,
                nato_side=issuer,
                start_year=2026,
                end_year=2026,
                status="in_force",
            )
            course = Course.objects.create(
                slug="bench",
                programme=programme,
                title_en="Logistics Planning in NATO",
                title_fr="Planification logistique au sein de l'OTAN",
                city="Baku",
                country="AZ",
                start_date=datetime.date(2026, 3, 2),
                start_precision="day",
                end_date=datetime.date(2026, 3, 6),
                end_precision="day",
                delivered_by=issuer,
                status=CourseStatus.HELD,
            )
            people = Person.objects.bulk_create(
                Person(family_name=f"Əliyev{number}", given_names="Şəhriyar", patronymic="Ağa oğlu")
                for number in range(enrolments)
            )
            Enrolment.objects.bulk_create(
                Enrolment(
                    course=course,
                    person=person,
                    status=EnrolmentStatus.COMPLETED,
                    completed_on=datetime.date(2026, 3, 6),
                )
                for person in people
            )
            started = time.perf_counter()
            issued = certificates_issue(course=course).issued
            seconds = time.perf_counter() - started
            stored = Certificate.objects.exclude(pdf="").count()
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)
    return {
        "enrolments": enrolments,
        "issued": len(issued),
        "PDFs stored": stored,
        "seconds": round(seconds, 2),
        "certificates per second": round(len(issued) / seconds, 1),
    }


def machine() -> dict[str, str]:
    import weasyprint
    from weasyprint.text.ffi import harfbuzz_subset

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    return {
        "cores": f"{os.cpu_count()} (usable now: {usable})",
        "python": platform.python_version(),
        "weasyprint": weasyprint.__version__,
        "font subsetting": "HarfBuzz" if harfbuzz_subset else "fontTools (no libharfbuzz-subset)",
        "load (1 min)": f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?",
        "platform": platform.platform(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50, help="timed renders (default 50)")
    parser.add_argument("--warm-up", type=int, default=3, help="untimed renders first")
    parser.add_argument(
        "--enrolments", type=int, default=200, help="completed enrolments issued (default 200)"
    )
    arguments = parser.parse_args()

    django_setup()
    about = machine()
    pinned = pin_to_one_core()
    arguments.warm_up = max(1, arguments.warm_up)
    render = benchmark_render(renders=arguments.renders, warm_up=arguments.warm_up)

    wall, cpu = render["wall"], render["cpu"]
    print(f"## Certificate PDF render, in-process ({pinned})\n")
    print(
        markdown_table(
            ["time per render", "p50 ms", "p95 ms", "min ms", "max ms"],
            [
                [name, *(f"{times[key]:.1f}" for key in ("p50", "p95", "min", "max"))]
                for name, times in (("wall clock", wall), ("CPU", cpu))
            ],
        )
    )
    print(
        f"\n{render['renders']} renders after {arguments.warm_up} warm-up; the first (cold) "
        f"took {render['cold']:.0f} ms; the PDF weighs {render['kib']:.1f} KiB."
    )
    verdict = "met" if wall["p50"] <= RENDER_AIM_MS else "NOT met"
    print(f"Aim p50 ≤ {RENDER_AIM_MS:.0f} ms: {verdict}.")
    if not about["font subsetting"].startswith("HarfBuzz"):
        print("Fonts are subset by fontTools, most of a render: install libharfbuzz-subset0.")
    print()

    issuing = benchmark_issuing(enrolments=arguments.enrolments)
    print(f"## End-to-end issuing of one course ({pinned})\n")
    print(markdown_table(list(issuing), [[f"{value:g}" for value in issuing.values()]]))
    verdict = "met" if issuing["certificates per second"] >= ISSUING_AIM_PER_SECOND else "NOT met"
    print(f"\nAim ≥ {ISSUING_AIM_PER_SECOND:g} certificates per second: {verdict}.\n")

    print("## Machine\n")
    print(markdown_table(list(about), [list(about.values())]))


if __name__ == "__main__":
    main()
