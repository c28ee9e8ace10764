"""Searching organisations by part of their name (the back office's search boxes, which match
anywhere in the name, as ``UPPER(name) LIKE UPPER('%…%')``) through a trigram index on
PostgreSQL; a plain scan stays on SQLite, which has no such index."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS organisation_name_trgm ON incubator_organisation "
    "USING gin (UPPER(name) gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS organisation_name_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("incubator", "0018_overdue_index")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
