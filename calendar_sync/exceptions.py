"""Errors of reading external calendars."""

from core.exceptions import DomainError


class SyncError(DomainError):
    """Reading a source failed; `message` is translated and safe to show the practitioner."""
