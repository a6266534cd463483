"""Is PostgreSQL / Redis / Chromium here? Used by the suite runner and the fixtures.

Under CI=true nothing may be missing: callers turn "missing" into a failure, not a skip.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

LOCAL_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/ohjaamo"


def postgres_url(environ) -> str:
    """The PostgreSQL server of the tests: TEST_POSTGRES_URL if set, else DATABASE_URL when it is a
    PostgreSQL one, else the local server."""
    if url := environ.get("TEST_POSTGRES_URL"):
        return url
    database_url = environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        return database_url
    return LOCAL_POSTGRES_URL


POSTGRES_URL = postgres_url(os.environ)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _port_open(url: str, default_port: int) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def postgres_missing() -> str | None:
    if not _port_open(POSTGRES_URL, 5432):
        return f"PostgreSQL is not answering at {POSTGRES_URL}"
    try:
        import psycopg

        parts = urlparse(POSTGRES_URL)
        with psycopg.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return None
    except Exception as exc:
        return f"PostgreSQL at {POSTGRES_URL} refused the connection ({exc.__class__.__name__})"


def redis_missing() -> str | None:
    if not _port_open(REDIS_URL, 6379):
        return f"Redis is not answering at {REDIS_URL}"
    return None


def chromium_missing() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt install chromium)"
    return None
