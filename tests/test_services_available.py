"""Which PostgreSQL server make test's second pass uses (tests/suites.py)."""

from tests.services_available import LOCAL_POSTGRES_URL, postgres_url

DATABASE = "postgres://app:secret@db.example.fi:5433/ohjaamo"


def test_postgres_pass_uses_a_postgres_database_url():
    assert postgres_url({"DATABASE_URL": DATABASE}) == DATABASE
    assert postgres_url({"DATABASE_URL": "postgresql://u@h/x"}) == "postgresql://u@h/x"


def test_test_postgres_url_wins_over_database_url():
    environ = {"DATABASE_URL": DATABASE, "TEST_POSTGRES_URL": "postgres://postgres@127.0.0.1:5432/t"}
    assert postgres_url(environ) == "postgres://postgres@127.0.0.1:5432/t"


def test_postgres_pass_ignores_a_sqlite_database_url():
    assert postgres_url({"DATABASE_URL": "sqlite:///var/db.sqlite3"}) == LOCAL_POSTGRES_URL
    assert postgres_url({}) == LOCAL_POSTGRES_URL
