"""Bookings in Django admin (a package: each area registers its own models)."""

from . import calendar  # noqa: F401
