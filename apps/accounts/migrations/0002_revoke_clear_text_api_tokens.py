"""DRF's API tokens were stored in clear and never expired: delete them all.

Their holders ask for a new token (``manage.py create_api_token`` or ``POST
/api/v1/auth/login/``), which is stored as a digest and expires. The table stays for as long
as DRF's authtoken migrations say it exists; nothing reads it any more.
"""

import logging

from django.db import migrations

logger = logging.getLogger("apps.accounts")

TABLE = "authtoken_token"


def revoke_clear_text_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if TABLE not in connection.introspection.table_names():
        return
    table = schema_editor.quote_name(TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        (count,) = cursor.fetchone()
        cursor.execute(f"DELETE FROM {table}")
    if count:
        logger.warning(
            "Revoked %d API token(s) stored in clear: their holders need a new one "
            "(manage.py create_api_token <username>, or POST /api/v1/auth/login/).",
            count,
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_roles")]

    operations = [migrations.RunPython(revoke_clear_text_tokens, migrations.RunPython.noop)]
