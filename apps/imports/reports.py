"""An import's report written out as lines of text, for the command and the admin's messages."""

from collections.abc import Iterator

from django.utils.translation import gettext, pgettext

from apps.imports.services import ImportReport, RowReport


def row_outcome_text(row: RowReport) -> str:
    """What the import does with a row, in the active language (``outcome`` is its key)."""
    if row.refused:
        return pgettext("import row", "refused")
    if row.outcome == "unchanged":
        return pgettext("import row", "unchanged")
    person = {
        "new": gettext("new person"),
        "matched": gettext("matched person"),
    }.get(row.person, row.person)
    enrolment = {
        "new": gettext("new enrolment"),
        "changed": gettext("changed enrolment"),
        "unchanged": gettext("unchanged enrolment"),
    }.get(row.enrolment, row.enrolment)
    return f"{person}, {enrolment}"


def report_lines(report: ImportReport) -> Iterator[str]:
    counts = report.counts
    if report.refused:
        state = gettext("REFUSED: nothing was written")
    elif report.applied:
        state = gettext("applied as import batch %(batch)s") % {"batch": report.batch_id}
    else:
        state = gettext("dry run: nothing was written")
    yield f"{report.file_name} → {report.course} ({state})"
    yield (
        gettext(
            "%(rows)d rows: %(people_created)d new people, %(people_matched)d matched, "
            "%(enrolments_created)d new enrolments, %(enrolments_changed)d changed, "
            "%(unchanged)d unchanged, %(refused)d refused."
        )
        % counts
    )
    for row in report.rows:
        line = gettext("row %(row)d: %(name)s: %(outcome)s") % {
            "row": row.row,
            "name": row.name or gettext("(no name)"),
            "outcome": row_outcome_text(row),
        }
        if row.match_reason:
            line += " " + gettext("(matched by %(reason)s)") % {"reason": row.match_reason}
        yield line
        for change in row.changes:
            yield f"    {change.column}: “{change.stored}” → “{change.file}”"
        for kept in row.kept:
            yield "    " + gettext("%(column)s: empty in the file, “%(stored)s” kept") % {
                "column": kept.column,
                "stored": kept.stored,
            }
        for note in row.notes:
            yield "    " + gettext("note: %(note)s") % {"note": note}
    for problem in report.errors:
        if problem.row and problem.column:
            where = gettext("row %(row)d, column %(column)s")
        elif problem.row:
            where = gettext("row %(row)d")
        elif problem.column:
            where = gettext("file, column %(column)s")
        else:
            where = gettext("file")
        where %= {"row": problem.row, "column": problem.column}
        yield gettext("ERROR %(where)s: %(message)s") % {"where": where, "message": problem.message}
