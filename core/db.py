"""Database pieces that differ by engine."""

from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, migrations

from .exceptions import Busy


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


_LOCK_TIMEOUT_SQLSTATE = "55P03"  # PostgreSQL's lock_not_available


def _is_lock_timeout(exc: OperationalError) -> bool:
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == _LOCK_TIMEOUT_SQLSTATE or "database is locked" in str(exc)


@contextmanager
def lock_wait_limited():
    """Inside an action's transaction, around its one SELECT ... FOR UPDATE: a lock that another
    request holds longer than DB_LOCK_TIMEOUT_MS turns into Busy (a translated "try again in a
    moment", nothing changed) instead of a request that hangs. On PostgreSQL through lock_timeout,
    which lasts until the transaction ends; SQLite's writers wait their busy timeout and report
    "database is locked", which is Busy too."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('lock_timeout', %s, true)", [f"{settings.DB_LOCK_TIMEOUT_MS}ms"]
            )
    try:
        yield
    except OperationalError as exc:
        if _is_lock_timeout(exc):
            raise Busy from exc
        raise
