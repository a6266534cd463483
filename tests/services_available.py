"""Is PostgreSQL / Redis / Chromium here? Used by the suite runner and the fixtures.

Under CI=true nothing may be missing: callers turn "missing" into a failure, not a skip.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/ohjaamo")
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
