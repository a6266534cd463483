"""make bench: each module here defines `run(emit)` and/or `run_postgres(emit)` and calls
emit(name, value, unit) per figure.

run() runs against the configured database (PostgreSQL when DATABASE_URL points to it, else SQLite)
in a fresh test database made for the run, on data each benchmark makes itself. run_postgres(), the
figures that need several writers at once (named in the module's POSTGRES_FIGURES), runs on
PostgreSQL: the configured one, else the local test server in a second process (bench/__main__.py).
"""
