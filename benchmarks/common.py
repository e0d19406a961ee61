"""What the benchmark scripts share: a steady process and markdown output."""

import math
import os


def pin_to_one_core() -> str:
    """Run on a single core (Linux), so the scheduler does not move the process; say which."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with ``fraction`` of values at or below."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def django_setup() -> None:
    """Django, with the project's settings, for a script run from anywhere."""
    import sys
    import warnings
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trainingdb.settings")
    import django

    django.setup()
    # WhiteNoise looks for collected static files, which the benchmarks do not need.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
