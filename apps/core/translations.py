"""The French catalogues' completeness: what ``make test`` checks (``check_translations``).

Catalogues are per app (``apps/<app>/locale/fr/LC_MESSAGES/django.po``) plus the project's
(``locale/``, for ``templates/`` and ``trainingdb/``). A catalogue is complete when
``makemessages`` would neither add nor drop an entry, and every entry is translated and none
is fuzzy. Both are checked without touching the working tree: extraction runs in a temporary
copy of the sources.
"""

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

LANGUAGE = "fr"
CATALOGUE_GLOB = f"**/locale/{LANGUAGE}/LC_MESSAGES/django.po"
# What makemessages reads: the same folders as ``make messages``, everything else left out.
SOURCE_FOLDERS = ("apps", "templates", "trainingdb", "locale")
MAKEMESSAGES_IGNORES = ("tests", "benchmarks", ".venv")
COPY_IGNORES = shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc", "static", "media")

# An entry's identity: its context, its singular and its plural (None when absent).
MessageKey = tuple[str | None, str, str | None]

_STATISTICS = re.compile(
    r"(?:(?P<translated>\d+) translated messages?)?"
    r"(?:,?\s*(?P<fuzzy>\d+) fuzzy translations?)?"
    r"(?:,?\s*(?P<untranslated>\d+) untranslated messages?)?"
)


@dataclass(frozen=True)
class CatalogueEntry:
    context: str | None
    msgid: str
    plural: str | None
    translations: tuple[str, ...]
    fuzzy: bool
    obsolete: bool

    @property
    def key(self) -> MessageKey:
        return (self.context, self.msgid, self.plural)


@dataclass(frozen=True)
class CatalogueStatistics:
    translated: int
    fuzzy: int
    untranslated: int
    errors: str  # msgfmt's complaints when ``msgfmt -c`` failed, else ""


def catalogue_paths(root: Path) -> list[Path]:
    """The French catalogues under ``root``'s source folders, as relative paths, sorted."""
    found = []
    for folder in SOURCE_FOLDERS:
        base = root / folder
        if folder == "locale":
            candidate = base / LANGUAGE / "LC_MESSAGES" / "django.po"
            found += [candidate] if candidate.exists() else []
        elif base.is_dir():
            found += base.glob(CATALOGUE_GLOB)
    return sorted(path.relative_to(root) for path in found)


def read_catalogue(path: Path) -> list[CatalogueEntry]:
    """The entries of a PO file, the header (empty msgid) left out."""
    entries: list[CatalogueEntry] = []
    fields: dict[str, list[str]] = {}
    flags: set[str] = set()
    obsolete = False

    def finish() -> None:
        nonlocal fields, flags, obsolete
        msgid = "".join(fields.get("msgid", []))
        if msgid:

            def joined(name: str) -> str | None:
                return "".join(fields[name]) if name in fields else None

            entries.append(
                CatalogueEntry(
                    context=joined("msgctxt"),
                    msgid=msgid,
                    plural=joined("msgid_plural"),
                    translations=tuple(
                        "".join(value)
                        for name, value in sorted(fields.items())
                        if name.startswith("msgstr")
                    ),
                    fuzzy="fuzzy" in flags,
                    obsolete=obsolete,
                )
            )
        fields, flags, obsolete = {}, set(), False

    current: list[str] = []
    for raw_line in path.read_text(encoding="utf-8").splitlines():
        line = raw_line.strip()
        is_obsolete = line.startswith("#~")
        if is_obsolete:
            line = line[2:].strip()
        elif line.startswith("#") or not line:
            if any(name.startswith("msgstr") for name in fields):
                finish()
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):
            current.append(ast.literal_eval(line))
            continue
        name, _space, value = line.partition(" ")
        if name in ("msgctxt", "msgid") and any(key.startswith("msgstr") for key in fields):
            finish()
        obsolete = obsolete or is_obsolete
        current = fields.setdefault(name, [])
        current.append(ast.literal_eval(value))
    finish()
    return entries


def catalogue_keys(path: Path) -> set[MessageKey]:
    """The live (not obsolete) entries' keys of a catalogue; none if it does not exist."""
    if not path.exists():
        return set()
    return {entry.key for entry in read_catalogue(path) if not entry.obsolete}


def extract_catalogues(root: Path) -> dict[Path, set[MessageKey]]:
    """What ``makemessages`` would write, per catalogue, run on a temporary copy of ``root``.

    The copy's settings find their own ``locale/`` (``BASE_DIR`` is where they are), so the
    working tree is never written to.
    """
    with tempfile.TemporaryDirectory(prefix="trainingdb-messages-") as temporary:
        copy = Path(temporary)
        shutil.copy2(root / "manage.py", copy / "manage.py")
        for folder in SOURCE_FOLDERS:
            if (root / folder).is_dir():
                shutil.copytree(root / folder, copy / folder, ignore=COPY_IGNORES)
        command = [sys.executable, "manage.py", "makemessages", "-l", LANGUAGE, "--no-obsolete"]
        command += [f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORES]
        environment = {**os.environ, "DEBUG": "true", "ENV_FILE": ""}
        subprocess.run(
            command, cwd=copy, env=environment, check=True, capture_output=True, text=True
        )
        return {path: catalogue_keys(copy / path) for path in catalogue_paths(copy)}


def _describe(key: MessageKey) -> str:
    context, msgid, _plural = key
    return f"{msgid!r} (context {context!r})" if context else repr(msgid)


def catalogue_differences(
    committed: dict[Path, set[MessageKey]],
    extracted: dict[Path, set[MessageKey]],
    obsolete: dict[Path, int] | None = None,
) -> list[str]:
    """One line per entry makemessages would add to or drop from a committed catalogue."""
    problems = []
    for path in sorted(set(committed) | set(extracted)):
        kept, found = committed.get(path, set()), extracted.get(path, set())
        problems += [f"{path}: missing {_describe(key)}" for key in sorted(found - kept, key=str)]
        problems += [f"{path}: obsolete {_describe(key)}" for key in sorted(kept - found, key=str)]
        if obsolete and obsolete.get(path):
            problems.append(f"{path}: {obsolete[path]} obsolete (#~) entries to remove")
    return problems


def committed_catalogues(root: Path) -> tuple[dict[Path, set[MessageKey]], dict[Path, int]]:
    """Each committed catalogue's live keys, and how many obsolete (``#~``) entries it keeps."""
    keys, obsolete = {}, {}
    for path in catalogue_paths(root):
        entries = read_catalogue(root / path)
        keys[path] = {entry.key for entry in entries if not entry.obsolete}
        obsolete[path] = sum(entry.obsolete for entry in entries)
    return keys, obsolete


def catalogue_statistics(path: Path) -> CatalogueStatistics:
    """``msgfmt --statistics -c`` on one catalogue (compiled to nowhere)."""
    result = subprocess.run(
        ["msgfmt", "--statistics", "-c", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
    )
    lines = result.stderr.strip().splitlines()
    counts = _STATISTICS.match(lines[-1].strip() if lines else "")
    numbers = {
        name: int((counts and counts.group(name)) or 0)
        for name in ("translated", "fuzzy", "untranslated")
    }
    errors = "" if result.returncode == 0 else result.stderr.strip()
    return CatalogueStatistics(**numbers, errors=errors)


def statistics_problems(root: Path) -> list[str]:
    """One line per catalogue that has untranslated or fuzzy entries, or that msgfmt refuses."""
    problems = []
    for path in catalogue_paths(root):
        statistics = catalogue_statistics(root / path)
        if statistics.errors:
            problems.append(f"{path}: msgfmt -c refuses it:\n{statistics.errors}")
        elif statistics.untranslated or statistics.fuzzy:
            problems.append(
                f"{path}: {statistics.untranslated} untranslated, {statistics.fuzzy} fuzzy "
                f"({statistics.translated} translated)"
            )
    return problems
