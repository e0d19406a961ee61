"""A plain representation's builder, generated from its plan."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

Row = Mapping[str, Any]

# What a step answers for a field DRF would leave out (``SkipField``).
SKIPPED = object()


def compiled_builder(
    plan: Sequence[tuple[str, str | None, Callable[[Any], Any] | None]],
) -> Callable[[Row], dict[str, Any]]:
    """A function that builds a row's representation by ``plan``, written as the floor
    would write it by hand: one dictionary display of the row's values.

    Walking the plan for every value (a loop, an unpacking and two tests each) cost as much
    as the values themselves: a page of 100 courses with their parts and sources holds
    about 650 records. The function is generated from the plan (as ``dataclasses`` writes
    ``__init__``): names and keys are written as literals, readers and converters are
    passed in by name. A step that may be skipped (``SKIPPED``: DRF's ``SkipField``) is
    assigned after a test, in its place, so the keys keep the serializer's order.
    """
    namespace: dict[str, Any] = {"SKIPPED": SKIPPED}
    entries, statements = [], []
    for index, (name, key, convert) in enumerate(plan):
        if key is None:
            namespace[f"read{index}"] = convert
            value = f"read{index}(row)"
        elif convert is None:
            value = f"row[{key!r}]"
        else:
            namespace[f"convert{index}"] = convert
            value = f"(None if (value := row[{key!r}]) is None else convert{index}(value))"
        if key is None and getattr(convert, "may_skip", False):
            statements += [
                f"    value = {value}",
                "    if value is not SKIPPED:",
                f"        represented[{name!r}] = value",
            ]
        elif statements:
            statements.append(f"    represented[{name!r}] = {value}")
        else:
            entries.append(f"{name!r}: {value}")
    source = "\n".join(
        [
            "def build(row):",
            f"    represented = {{{', '.join(entries)}}}",
            *statements,
            "    return represented",
        ]
    )
    exec(compile(source, "<plain representation>", "exec"), namespace)
    return namespace["build"]
