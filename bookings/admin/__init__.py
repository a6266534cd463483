"""Bookings in Django admin (a package: each area registers its own models)."""

from . import calendar, events, series, sync  # noqa: F401
