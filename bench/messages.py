"""The outbox under load (the data and the race live in tests/support/outbox.py, which the tests share).

messages_per_second: booking confirmations (templates in two formats, a calendar file, a
personal link each) rendered and handed to the email backend by one send pass.
duplicate_messages_two_senders: two send passes racing in two threads, each in its own
connection, over hundreds of due rows; the emails are counted by Message-ID. PostgreSQL only
(that is where several workers run): bench/__main__.py runs it on the configured PostgreSQL, else
on the local test server.
"""

import time

from django.core import mail

from notifications.actions import messages_send_due
from tests.support.outbox import due_confirmations, two_senders


def send_rate(count: int = 300) -> float:
    """Messages per second of one send pass over `count` due confirmations."""
    due_confirmations(count)
    mail.outbox = []
    started = time.perf_counter()
    report = messages_send_due(batch_size=50)
    elapsed = time.perf_counter() - started
    assert report.sent == count, report
    return count / elapsed


POSTGRES_FIGURES = ("duplicate_messages_two_senders",)


def run(emit) -> None:
    emit("messages_per_second", send_rate(300), "msg/s")


def run_postgres(emit) -> None:
    duplicates, lost = two_senders(400)
    assert lost == 0, f"{lost} messages were not sent"
    emit("duplicate_messages_two_senders", duplicates, "count")
