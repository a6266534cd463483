"""Errors of reading external calendars."""


class SyncError(Exception):
    """Reading a source failed; `message` is translated and safe to show the practitioner."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))
