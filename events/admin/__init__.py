"""Events in the workspace (a package: the events with their seats and waitlist, and the seats)."""

from . import events, seats  # noqa: F401
