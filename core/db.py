"""Database pieces that differ by engine."""

from django.db import migrations


class AddConstraintOnPostgres(migrations.AddConstraint):
    """AddConstraint for PostgreSQL-only constraints (exclusion constraints).

    The migration state always has the constraint; the SQL is run only on PostgreSQL. On SQLite
    the writing action enforces the same rule inside its transaction.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
