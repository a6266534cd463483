"""Cached availability follows the calendar: every change to a block bumps the version on commit."""

from django.core.cache import cache
from django.db import transaction

CALENDAR_VERSION_KEY = "bookings:calendar-version"


def calendar_version() -> int:
    return cache.get_or_set(CALENDAR_VERSION_KEY, 1, timeout=None)


def _bump() -> None:
    try:
        cache.incr(CALENDAR_VERSION_KEY)
    except ValueError:
        cache.set(CALENDAR_VERSION_KEY, 2, timeout=None)


def calendar_changed() -> None:
    """Marks cached availability stale once the current transaction commits."""
    transaction.on_commit(_bump)
