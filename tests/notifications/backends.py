"""Email backends that stand in for the SMTP server (the only part of our stack tests replace)."""

import os
import time
from pathlib import Path

from django.core import mail
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class ScriptedBackend(LocmemBackend):
    """locmem, but each send first takes the next entry of `script`: an exception to raise (as
    an SMTP server would refuse or drop us) or None to deliver. An empty script delivers."""

    script: list[Exception | None] = []
    opened = 0
    observe = None  # a callable run at each send, its results kept in `observed`
    observed: list = []

    def open(self):
        ScriptedBackend.opened += 1
        return super().open()

    def send_messages(self, messages):
        if ScriptedBackend.observe is not None:
            ScriptedBackend.observed.append(ScriptedBackend.observe())
        if ScriptedBackend.script:
            failure = ScriptedBackend.script.pop(0)
            if failure is not None:
                raise failure
        return super().send_messages(messages)


def outbox():
    return getattr(mail, "outbox", [])


class SlowFileBackend(FileBackend):
    """The file backend behind a slow network: each message takes MAIL_DELAY seconds before it is
    written. After PAUSE_AFTER messages in one process, the first process to take the pause token
    (MAIL_DIR/pause.token, created exclusively) writes its pid to MAIL_DIR/paused and hangs before
    writing the next message, so a test can kill it mid-pass at a known point: claimed rows,
    the next one not yet accepted by the "server"."""

    sent_here = 0

    def send_messages(self, messages):
        directory = Path(self.file_path)
        time.sleep(float(os.environ.get("MAIL_DELAY", "0")))
        pause_after = int(os.environ.get("PAUSE_AFTER", "0"))
        if pause_after and SlowFileBackend.sent_here >= pause_after:
            try:
                os.close(os.open(directory / "pause.token", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                pass
            else:
                (directory / "paused").write_text(str(os.getpid()))
                time.sleep(120)
        count = super().send_messages(messages)
        SlowFileBackend.sent_here += count
        return count
