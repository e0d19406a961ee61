from django.db import migrations

# PostgreSQL only: ?search= on people looks for the term in the e-mail address
# (UPPER(email) LIKE UPPER('%…%')) or in the folded full name. Without an index on the
# e-mail expression, the OR makes PostgreSQL read the whole table even though the folded
# name has its trigram index (0004); with it, both sides are bitmap index scans.
CREATE = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS people_person_email_upper_trgm "
    "ON people_person USING gin ((UPPER(email::text)) gin_trgm_ops)",
)
DROP = ("DROP INDEX IF EXISTS people_person_email_upper_trgm",)


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0006_nationality_index"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(CREATE), run_on_postgresql(DROP)),
    ]
