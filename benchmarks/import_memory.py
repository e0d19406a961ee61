"""How much memory an enrolment import takes: each import in a fresh interpreter of its own."""

import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import django_setup
from import_data import course_new, nomination_csv, register_fill

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MEMORY_AIM_MB = 150
# The script that starts each measuring process (``--memory-child``).
SCRIPT = Path(__file__).with_name("enrolment_import.py")


def memory_child(rows: int, dry_run: bool) -> None:
    """In a process of its own: import ``rows`` rows and print what the process grew by."""
    django_setup()
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test.utils import setup_test_environment

    from apps.imports.services import enrolments_import

    setup_test_environment(debug=False)
    folder = tempfile.mkdtemp()
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        # A file, not memory: an in-memory database would count in the process's size.
        test["NAME"] = os.path.join(folder, "memory.sqlite3")
    else:
        test["NAME"] = f"test_{connection.settings_dict['NAME']}_memory"
    database = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        register_fill(0)
        course = course_new(0)
        upload = ContentFile(nomination_csv(rows), name="nominations.csv")
        gc.collect()
        before = _status_kb("VmRSS")
        exact = _peak_reset()
        started = time.perf_counter()
        report = enrolments_import(course=course, upload=upload, dry_run=dry_run)
        seconds = time.perf_counter() - started
        assert not report.refused, report.errors[:3]
        peak = _status_kb("VmHWM") if exact else _maxrss_kb()
        del report
    finally:
        connection.creation.destroy_test_db(database, verbosity=0)
    print(json.dumps({"growth_kb": peak - before, "seconds": seconds, "exact": exact}))


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise LookupError(field)


def _peak_reset() -> bool:
    """Reset the process's peak resident size (Linux ≥ 4.0); whether it could."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def _maxrss_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory(rows: int) -> list[list[str]]:
    table = []
    for dry_run in (True, False):
        command = [sys.executable, str(SCRIPT), "--memory-child", str(rows)]
        if dry_run:
            command.append("--dry-run")
        output = subprocess.run(
            command, check=True, capture_output=True, text=True, cwd=PROJECT_ROOT
        ).stdout
        measured = json.loads(output.strip().splitlines()[-1])
        growth = measured["growth_kb"] / 1024
        table.append(
            [
                f"{rows:,} rows, {'dry run' if dry_run else 'applied'}",
                f"{growth:.0f} MB" + ("" if measured["exact"] else " (peak of the process)"),
                f"{measured['seconds']:.1f} s",
                "met" if growth < MEMORY_AIM_MB else "NOT met",
            ]
        )
    return table
