"""The catalogues' check (``check_translations``), on temporary catalogues, never the real ones."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from apps.core.translations import (
    SOURCE_FOLDERS,
    catalogue_differences,
    catalogue_statistics,
    committed_catalogues,
    extract_catalogues,
    read_catalogue,
)

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

"""
TRANSLATED = """#: apps/example/models.py:1
msgid "course"
msgstr "formation"

msgctxt "certificate"
msgid "revoked"
msgstr "révoquée"

msgid "%(count)d certificate"
msgid_plural "%(count)d certificates"
msgstr[0] "%(count)d attestation"
msgstr[1] "%(count)d attestations"

"""
UNTRANSLATED = """msgid "Issue certificates"
msgstr ""

"""
FUZZY = """#, fuzzy
msgid "Revoke"
msgstr "Révoquer"

"""
OBSOLETE = """#~ msgid "Old wording"
#~ msgstr "Ancienne formulation"
"""


def write_catalogue(root: Path, *entries: str, folder: str = "locale") -> Path:
    path = root / folder / "fr" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(entries), encoding="utf-8")
    return path


def test_catalogue_reader_sees_contexts_plurals_flags_and_obsolete_entries(tmp_path):
    path = write_catalogue(tmp_path, TRANSLATED, FUZZY, OBSOLETE)

    entries = {entry.msgid: entry for entry in read_catalogue(path)}

    assert set(entries) == {"course", "revoked", "%(count)d certificate", "Revoke", "Old wording"}
    assert entries["revoked"].key == ("certificate", "revoked", None)
    assert entries["%(count)d certificate"].translations == (
        "%(count)d attestation",
        "%(count)d attestations",
    )
    assert entries["Revoke"].fuzzy and not entries["course"].fuzzy
    assert entries["Old wording"].obsolete and not entries["Revoke"].obsolete


def test_complete_catalogue_passes_the_check(tmp_path):
    path = write_catalogue(tmp_path, TRANSLATED)

    statistics = catalogue_statistics(path)
    call_command("check_translations", root=tmp_path, skip_extraction=True)

    assert (statistics.translated, statistics.untranslated, statistics.fuzzy) == (3, 0, 0)


def test_untranslated_entry_fails_the_check_naming_the_catalogue_and_counts(tmp_path, capsys):
    write_catalogue(tmp_path, TRANSLATED)
    write_catalogue(tmp_path, TRANSLATED, UNTRANSLATED, FUZZY, folder="apps/example/locale")

    with pytest.raises(CommandError, match="1 problem"):
        call_command("check_translations", root=tmp_path, skip_extraction=True)

    assert (
        "apps/example/locale/fr/LC_MESSAGES/django.po: 1 untranslated, 1 fuzzy (3 translated)"
        in capsys.readouterr().err
    )


def test_catalogue_msgfmt_refuses_fails_the_check(tmp_path, capsys):
    broken = '#, python-format\nmsgid "%(count)d held"\nmsgstr "%(nombre)d tenues"\n\n'
    write_catalogue(tmp_path, broken)

    with pytest.raises(CommandError):
        call_command("check_translations", root=tmp_path, skip_extraction=True)

    assert "msgfmt -c refuses it" in capsys.readouterr().err


def test_differences_list_missing_and_obsolete_entries_per_catalogue():
    catalogue = Path("apps/example/locale/fr/LC_MESSAGES/django.po")
    committed = {catalogue: {(None, "course", None), (None, "Old wording", None)}}
    extracted = {catalogue: {(None, "course", None), ("certificate", "revoked", None)}}

    problems = catalogue_differences(committed, extracted, {catalogue: 2})

    assert problems == [
        f"{catalogue}: missing 'revoked' (context 'certificate')",
        f"{catalogue}: obsolete 'Old wording'",
        f"{catalogue}: 2 obsolete (#~) entries to remove",
    ]


def test_extraction_finds_a_new_string_without_touching_the_catalogues(tmp_path):
    """makemessages on a copy of the project, with one string added that no catalogue has."""
    root = Path(settings.BASE_DIR)
    shutil.copy2(root / "manage.py", tmp_path / "manage.py")
    for folder in SOURCE_FOLDERS:
        shutil.copytree(root / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.mo"))
    probe = tmp_path / "apps" / "core" / "probe.py"
    probe.write_text(
        'from django.utils.translation import gettext_lazy as _\n\nPROBE = _("A probe string")\n'
    )
    catalogue = Path("apps/core/locale/fr/LC_MESSAGES/django.po")
    before = (tmp_path / catalogue).read_bytes()

    committed, obsolete = committed_catalogues(tmp_path)
    problems = catalogue_differences(committed, extract_catalogues(tmp_path), obsolete)

    # Only the probe is asserted: the real catalogues may lag behind the sources meanwhile.
    assert f"{catalogue}: missing 'A probe string'" in problems
    assert (tmp_path / catalogue).read_bytes() == before
