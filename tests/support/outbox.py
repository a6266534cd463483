"""The outbox under load, shared by make bench (bench/messages.py) and the tests: hundreds of due
confirmations made in bulk, and two senders racing over them on PostgreSQL."""

import datetime as dt
import threading
import uuid
from collections import Counter
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.utils import timezone

from bookings.models import Booking, CalendarBlock, Practitioner, SessionType
from notifications import actions
from notifications.actions import message_queue, messages_send_due
from tests.support.races import race


def due_confirmations(count: int) -> list:
    """`count` confirmed bookings an hour apart from tomorrow on, each with its confirmation due."""
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


def two_senders(count: int = 300, *, batch_size: int = 20) -> tuple[int, int]:
    """Two send passes at once over `count` due rows: (duplicates, lost) counted by Message-ID."""
    rows = due_confirmations(count)
    mail.outbox = []
    race(2, lambda i: messages_send_due(batch_size=batch_size), reraise=True)
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
    selected = threading.Barrier(2)

    def claim(i: int) -> list[int]:
        now = timezone.now()
        with transaction.atomic():
            ids = actions._select_due(now=now, limit=limit, lock=lock)
            selected.wait(timeout=30)
            actions._mark_claimed(ids=ids, now=now, token=uuid.uuid4().hex, lock=lock)
        return ids

    first, second = race(2, claim, reraise=True)
    return first, second
