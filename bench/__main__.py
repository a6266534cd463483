"""Prints `BENCH <name> <value> <unit>` lines (a contract: names are fixed by the issues)."""

import importlib
import os
import pkgutil
import sys
import traceback


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    failures = 0

    def emit(name: str, value, unit: str) -> None:
        if isinstance(value, float):
            value = f"{value:.2f}"
        print(f"BENCH {name} {value} {unit}", flush=True)

    only = set(sys.argv[1:])
    # Not benchmarks: run inside the servers that bench/http.py and bench/load.py start
    # (importing them here would load production settings, or let locust patch this process).
    helpers = {"settings", "urls", "locustfile"}
    try:
        import bench

        for module in pkgutil.iter_modules(bench.__path__):
            if module.name.startswith("_") or module.name in helpers or (only and module.name not in only):
                continue
            try:
                benchmark = importlib.import_module(f"bench.{module.name}")
                if not hasattr(benchmark, "run"):
                    continue  # a helper shared by benchmarks and tests (races.py)
                benchmark.run(emit)
            except Exception:
                failures += 1
                traceback.print_exc()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
