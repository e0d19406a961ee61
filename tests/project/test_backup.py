"""The README's backup and restore, tried: pg_dump and a copy of MEDIA_ROOT bring it all back."""

import hashlib
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from apps.certificates.services import certificate_pdf_store
from tests.factories import CertificateFactory

# pg_dump runs in another process: the records must be committed.
pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="backups are of PostgreSQL, the production database; SQLite is one file",
    ),
    pytest.mark.django_db(transaction=True),
]


def run(*command: str | Path, environment: dict[str, str]) -> None:
    result = subprocess.run(
        [str(part) for part in command], env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_a_backup_restores_the_records_and_the_stored_pdfs(tmp_path):
    certificate = certificate_pdf_store(certificate=CertificateFactory())
    stored_pdf = Path(settings.MEDIA_ROOT) / certificate.pdf.name
    database = connection.settings_dict
    # The tools read the server from the libpq variables, as the README's commands read it
    # from their URL.
    environment = {
        **os.environ,
        "PGHOST": database["HOST"] or "127.0.0.1",
        "PGPORT": str(database["PORT"] or 5432),
        "PGUSER": database["USER"],
        "PGPASSWORD": database["PASSWORD"] or "",
    }
    dump, media_copy = tmp_path / "trainingdb.dump", tmp_path / "media.tar.gz"

    run("pg_dump", "--format=custom", f"--file={dump}", database["NAME"], environment=environment)
    run(
        "tar",
        "--create",
        "--gzip",
        f"--file={media_copy}",
        f"--directory={settings.MEDIA_ROOT}",
        ".",
        environment=environment,
    )
    shutil.rmtree(settings.MEDIA_ROOT)  # the disaster

    restored_database = f"{database['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    restored_media = tmp_path / "restored-media"
    restored_media.mkdir()
    run("createdb", restored_database, environment=environment)
    try:
        run(
            "pg_restore",
            "--no-owner",
            f"--dbname={restored_database}",
            dump,
            environment=environment,
        )
        run(
            "tar",
            "--extract",
            "--gzip",
            f"--file={media_copy}",
            f"--directory={restored_media}",
            environment=environment,
        )
        with psycopg.connect(
            host=environment["PGHOST"],
            port=environment["PGPORT"],
            user=environment["PGUSER"],
            password=environment["PGPASSWORD"],
            dbname=restored_database,
        ) as restored:
            serial, holder, pdf, sha256 = restored.execute(
                "SELECT serial, holder_name, pdf, pdf_sha256 FROM certificates_certificate"
            ).fetchone()
            [person_count] = restored.execute("SELECT count(*) FROM people_person").fetchone()
            history = restored.execute(
                "SELECT history_change_reason FROM certificates_historicalcertificate "
                "ORDER BY history_id"
            ).fetchall()
    finally:
        run("dropdb", "--if-exists", restored_database, environment=environment)

    assert (serial, holder, pdf, sha256) == (
        certificate.serial,
        certificate.holder_name,
        certificate.pdf.name,
        certificate.pdf_sha256,
    )
    assert person_count == 1
    assert len(history) == 2  # issued, then its PDF stored
    restored_pdf = restored_media / pdf
    assert hashlib.sha256(restored_pdf.read_bytes()).hexdigest() == sha256
    assert not stored_pdf.exists()  # it came back from the copy, not from where it was
