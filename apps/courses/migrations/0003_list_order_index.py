from django.db import migrations

# Courses are listed newest first, undated last: start_date DESC NULLS LAST, title_en, id
# (the course list, and the enrolment list, which orders by its course first). An index in
# that order lets a page be read from it instead of sorting every course, and lets
# PostgreSQL read the enrolments of a page course by course. PostgreSQL needs NULLS LAST in
# the index (its DESC puts NULLs first); SQLite refuses NULLS LAST in an index, and its DESC
# already puts NULLs last. So one index, written for each database.
CREATE = {
    "postgresql": "CREATE INDEX IF NOT EXISTS courses_course_list_order_idx ON courses_course "
    "(start_date DESC NULLS LAST, title_en, id)",
    "sqlite": "CREATE INDEX IF NOT EXISTS courses_course_list_order_idx ON courses_course "
    "(start_date DESC, title_en, id)",
}
DROP = "DROP INDEX IF EXISTS courses_course_list_order_idx"


def create(apps, schema_editor):
    statement = CREATE.get(schema_editor.connection.vendor)
    if statement:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor in CREATE:
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_history"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
