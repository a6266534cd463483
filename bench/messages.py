"""The outbox under load, shared by make bench and the race tests (tests/notifications/test_race.py).

messages_per_second: booking confirmations (templates in two formats, a calendar file, a
personal link each) rendered and handed to the email backend by one send pass.
duplicate_messages_two_senders: two send passes racing in two threads, each in its own
connection, over hundreds of due rows; the emails are counted by Message-ID. PostgreSQL only
(that is where several workers run): bench/__main__.py runs it on the configured PostgreSQL, else
on the local test server.
"""

import datetime as dt
import threading
import time
import uuid
from collections import Counter
from decimal import Decimal

from django.core import mail
from django.db import connections, transaction
from django.utils import timezone

from bookings.models import Booking, CalendarBlock, Practitioner, SessionType
from notifications import actions
from notifications.actions import message_queue, messages_send_due


def due_confirmations(count: int) -> list:
    """`count` confirmed bookings an hour apart from tomorrow on, each with its confirmation due."""
    from django.contrib.auth import get_user_model

    suffix = uuid.uuid4().hex[:8]
    user = get_user_model().objects.create(username=f"bench-{suffix}", is_staff=True)
    practitioner = Practitioner.objects.create(
        user=user, display_name="Aino Ohjaaja", email=f"aino-{suffix}@example.fi", is_active=False
    )
    session_type = SessionType.objects.create(
        service="supervision", slug=f"bench-{suffix}", name="Yksilötyönohjaus", price=Decimal("95.00")
    )
    first = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    starts = [first + dt.timedelta(hours=i) for i in range(count)]
    blocks = CalendarBlock.objects.bulk_create(
        CalendarBlock(practitioner=practitioner, start=s, end=s + dt.timedelta(hours=1), kind="booking")
        for s in starts
    )
    bookings = Booking.objects.bulk_create(
        Booking(
            practitioner=practitioner,
            session_type=session_type,
            block=block,
            start=block.start,
            end=block.end,
            modality="online",
            meeting_url="https://meet.example.fi/room",
            client_name=f"Asiakas {i}",
            email=f"asiakas{i}-{suffix}@example.fi",
            language=("fi", "sv", "en")[i % 3],
            price=Decimal("95.00"),
            vat_rate=Decimal("25.5"),
        )
        for i, block in enumerate(blocks)
    )
    return [
        message_queue(
            kind="booking_confirmed",
            target=booking,
            recipient=booking.email,
            language=booking.language,
            occurrence="0",
        )
        for booking in bookings
    ]


def _sent_ids() -> list[str]:
    return [m.extra_headers["Message-ID"] for m in getattr(mail, "outbox", [])]


def _in_threads(count: int, work) -> list[object]:
    """Runs work(i) in `count` threads released together, each with its own connection."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = work(i, barrier)
        except Exception as exc:
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    errors = [r for r in results if isinstance(r, Exception)]
    if errors:
        raise errors[0]
    return results


def send_rate(count: int = 300) -> float:
    """Messages per second of one send pass over `count` due confirmations."""
    due_confirmations(count)
    mail.outbox = []
    started = time.perf_counter()
    report = messages_send_due(batch_size=50)
    elapsed = time.perf_counter() - started
    assert report.sent == count, report
    return count / elapsed


def two_senders(count: int = 300, *, batch_size: int = 20) -> tuple[int, int]:
    """Two send passes at once over `count` due rows: (duplicates, lost) counted by Message-ID."""
    rows = due_confirmations(count)
    mail.outbox = []
    _in_threads(2, lambda i, barrier: messages_send_due(batch_size=batch_size))
    sent = Counter(_sent_ids())
    expected = {row.message_id for row in rows}
    duplicates = sum(n - 1 for n in sent.values())
    lost = len(expected - set(sent))
    return duplicates, lost


def claim_race(count: int = 100, *, limit: int = 60, lock: bool = True) -> tuple[list[int], list[int]]:
    """Two senders claim at the same moment: each selects due rows, both wait until both have
    selected, then each marks its rows claimed. Returns the ids each claimed. With the lock the
    second sender skips the rows the first holds; without it both take the same rows."""
    due_confirmations(count)

    def claim(i: int, barrier: threading.Barrier) -> list[int]:
        now = timezone.now()
        with transaction.atomic():
            ids = actions._select_due(now=now, limit=limit, lock=lock)
            barrier.wait(timeout=30)
            actions._mark_claimed(ids=ids, now=now, token=uuid.uuid4().hex, lock=lock)
        return ids

    first, second = _in_threads(2, claim)
    return first, second


POSTGRES_FIGURES = ("duplicate_messages_two_senders",)


def run(emit) -> None:
    emit("messages_per_second", send_rate(300), "msg/s")


def run_postgres(emit) -> None:
    duplicates, lost = two_senders(400)
    assert lost == 0, f"{lost} messages were not sent"
    emit("duplicate_messages_two_senders", duplicates, "count")
