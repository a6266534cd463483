"""Bookings in Django admin (a package: each area registers its own models)."""

from . import calendar, events, feedback, series, sync  # noqa: F401
