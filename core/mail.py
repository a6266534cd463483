"""Mail for a local run: Django's file backend, one .eml file per message.

`var/mail/20261125-141503-123456-1f2e3d4c.eml` opens in any mail program; a sending pass that
writes ten messages leaves ten files, newest last by name.
"""

import secrets
from pathlib import Path

from django.core.mail.backends import filebased
from django.utils import timezone

from .formats import file_stamp


class MessagePerFileBackend(filebased.EmailBackend):
    """Writes each message to a file of its own in `file_path` (see the module docstring)."""

    def open(self):
        return False  # nothing to keep open: each message opens and closes its own file

    def close(self):
        pass

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages or []:
            name = f"{file_stamp(timezone.now())}-{secrets.token_hex(6)}.eml"
            try:
                (Path(self.file_path) / name).write_bytes(message.message().as_bytes())
            except OSError:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent
