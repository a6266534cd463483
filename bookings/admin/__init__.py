"""The calendar core's models in the workspace (a package: each area registers its own models)."""

from . import calendar, feedback, practitioner  # noqa: F401
