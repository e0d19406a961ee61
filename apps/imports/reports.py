"""An import's report written out as lines of text, for the command and the admin's messages."""

from collections.abc import Iterator

from apps.imports.services import ImportReport


def report_lines(report: ImportReport) -> Iterator[str]:
    counts = report.counts
    if report.refused:
        state = "REFUSED: nothing was written"
    elif report.applied:
        state = f"applied as import batch {report.batch_id}"
    else:
        state = "dry run: nothing was written"
    yield f"{report.file_name} → {report.course} ({state})"
    yield (
        f"{counts['rows']} rows: {counts['people_created']} new people, "
        f"{counts['people_matched']} matched, {counts['enrolments_created']} new enrolments, "
        f"{counts['enrolments_changed']} changed, {counts['unchanged']} unchanged, "
        f"{counts['refused']} refused."
    )
    for row in report.rows:
        line = f"row {row.row}: {row.name or '(no name)'}: {row.outcome}"
        if row.match_reason:
            line += f" (matched by {row.match_reason})"
        yield line
        for change in row.changes:
            yield f"    {change.column}: “{change.stored}” → “{change.file}”"
        for kept in row.kept:
            yield f"    {kept.column}: empty in the file, “{kept.stored}” kept"
        for note in row.notes:
            yield f"    note: {note}"
    for problem in report.errors:
        where = f"row {problem.row}" if problem.row else "file"
        if problem.column:
            where += f", column {problem.column}"
        yield f"ERROR {where}: {problem.message}"
