"""make bench: each module here defines `run(emit)` and calls emit(name, value, unit) per figure.

Runs against the configured database (PostgreSQL when DATABASE_URL points to it, else SQLite) in a
fresh test database made for the run, on data each benchmark makes itself.
"""
