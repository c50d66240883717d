"""The ledger is append-only below the ORM: triggers refuse UPDATE and DELETE of ledger rows.

PostgreSQL: a PL/pgSQL trigger function raising an error. SQLite: BEFORE UPDATE/DELETE triggers that
abort. (Row triggers: emptying a table that holds no ledger rows, as a test database flush does, is
not affected; PostgreSQL's TRUNCATE, used by flush there, is a table operation outside them.)
"""

from django.db import migrations

TABLES = ["funds_ledgertransaction", "funds_ledgerentry", "funds_periodclose", "funds_carriedbalance"]

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION funds_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % refused (post a reversing transaction)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION funds_ledger_append_only();"
            )
    elif vendor == "sqlite":
        for table in TABLES:
            for operation in ("UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_no_{operation.lower()} BEFORE {operation} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: {operation} on {table} refused'); END;"
                )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
        schema_editor.execute("DROP FUNCTION IF EXISTS funds_ledger_append_only();")
    elif vendor == "sqlite":
        for table in TABLES:
            for operation in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{operation};")


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
