"""make test: the whole suite on SQLite (the embedded default), then on PostgreSQL (production).

PostgreSQL-only tests (races, exclusion constraints, SKIP LOCKED) run in the second pass; browser tests
and the translation-catalogue check (which needs no database) in the first: neither pass skips anything.

The second pass runs on TEST_POSTGRES_URL if set, else on DATABASE_URL when that is a postgres://
(or postgresql://) URL, else on postgres://postgres@127.0.0.1:5432/ohjaamo; it makes a test database
of its own there, so the named database need not exist. The first pass always runs on an in-memory
SQLite database, whatever DATABASE_URL says.

On a machine without PostgreSQL the second pass is skipped with one line saying so; under
CI=true that is a failure instead. Each pass ends with its ten slowest tests (--durations=10).
"""

import os
import subprocess
import sys

from tests.services_available import IN_CI, POSTGRES_URL, postgres_missing


def pytest(env_overrides: dict[str, str], *args: str) -> int:
    env = {**os.environ, **env_overrides}
    command = [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "--durations=10", *args]
    return subprocess.call(command, env=env)


def main() -> int:
    print("== SQLite: the whole suite but the PostgreSQL-only tests", flush=True)
    status = pytest({"DATABASE_URL": "sqlite:///:memory:"}, "-m", "not postgres", "-p", "no:cacheprovider")
    missing = postgres_missing()
    if missing:
        line = f"PostgreSQL suite skipped: {missing}. Start PostgreSQL (see README, Troubleshooting)."
        if IN_CI:
            print(f"FAILED under CI: {line}", flush=True)
            return 1
        print(line, flush=True)
        return status
    print("== PostgreSQL: the whole suite but the browser tests", flush=True)
    status_pg = pytest(
        {"DATABASE_URL": POSTGRES_URL}, "-m", "not browser and not catalogs", "-p", "no:cacheprovider"
    )
    return status or status_pg


if __name__ == "__main__":
    sys.exit(main())
