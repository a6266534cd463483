"""Prints `BENCH <name> <value> <unit>` lines on stdout (a contract: names are fixed by the issues);
every other line goes to stderr.

`python -m bench [module ...]`. Each module's run(emit) runs on the configured database, and its
run_postgres(emit), the figures that need several writers at once (listed in POSTGRES_FIGURES), on
PostgreSQL: the configured one, else the local test server (tests/services_available.py:
TEST_POSTGRES_URL, else postgres://postgres@127.0.0.1:5432/ohjaamo) in a second process of this
command (`--postgres`: only the run_postgres figures). Without either, those figures are left out
and a line on stderr says why.
"""

import importlib
import os
import pkgutil
import subprocess
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Not benchmarks: run inside the servers that bench/http.py and bench/load.py start
# (importing them here would load production settings, or let locust patch this process).
HELPERS = {"settings", "urls", "locustfile"}


def emit(name: str, value, unit: str) -> None:
    if isinstance(value, float):
        value = f"{value:.2f}"
    print(f"BENCH {name} {value} {unit}", flush=True)


def on_local_postgres(modules: dict[str, tuple[str, ...]]) -> int:
    """The run_postgres figures of `modules` in a second process on the local PostgreSQL server;
    returns the number of failures."""
    from bench.http import say
    from tests.services_available import POSTGRES_URL, postgres_missing

    figures = ", ".join(figure for names in modules.values() for figure in names)
    if missing := postgres_missing():
        say(f"left out, they need PostgreSQL: {figures}. {missing}; set DATABASE_URL=postgres://...")
        return 0
    say(f"DATABASE_URL is not PostgreSQL: {figures} run on the local PostgreSQL server")
    command = [sys.executable, "-m", "bench", "--postgres", *modules]
    return 1 if subprocess.call(command, cwd=ROOT, env={**os.environ, "DATABASE_URL": POSTGRES_URL}) else 0


def main(argv: list[str]) -> int:
    postgres_only = "--postgres" in argv
    only = {arg for arg in argv if arg != "--postgres"}
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    import bench

    on_postgres = connection.vendor == "postgresql"
    if postgres_only and not on_postgres:
        print("bench: --postgres needs DATABASE_URL=postgres://...", file=sys.stderr)
        return 2
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    failures = 0
    elsewhere: dict[str, tuple[str, ...]] = {}
    try:
        for module in pkgutil.iter_modules(bench.__path__):
            if module.name.startswith("_") or module.name in HELPERS or (only and module.name not in only):
                continue
            try:
                benchmark = importlib.import_module(f"bench.{module.name}")
                # A module with neither is a helper of the benchmarks (fill.py).
                if hasattr(benchmark, "run") and not postgres_only:
                    benchmark.run(emit)
                if hasattr(benchmark, "run_postgres"):
                    if on_postgres:
                        benchmark.run_postgres(emit)
                    else:
                        elsewhere[module.name] = benchmark.POSTGRES_FIGURES
            except Exception:
                failures += 1
                traceback.print_exc()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if elsewhere:
        failures += on_local_postgres(elsewhere)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
