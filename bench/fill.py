"""Bookings written straight into the calendar for the benchmarks, which measure reads, not the booking action.

Import it inside a function that runs after Django is set up (the benchmarks' subprocesses configure
their own settings first).
"""

import datetime as dt

from django.utils import timezone

from bookings import selectors
from bookings.models import Booking, CalendarBlock, SessionType
from core.time import HELSINKI


def book_free_times(session_type: SessionType, count: int) -> int:
    """Books up to `count` of the free times of the next 90 days of `session_type`, each after the
    previous one's block (buffers included) as a confirmed booking. Returns how many it made."""
    practitioner = session_type.practitioners.filter(is_active=True).order_by("pk").first()
    today = timezone.now().astimezone(HELSINKI).date()
    free = selectors.free_slots(session_type, today + dt.timedelta(days=1), today + dt.timedelta(days=90))
    taken_until = None
    made = 0
    for slot in free:
        if made == count:
            break
        if taken_until and slot.start < taken_until:
            continue
        end = slot.start + dt.timedelta(minutes=session_type.duration_minutes)
        block = CalendarBlock.objects.create(
            practitioner=practitioner,
            start=slot.start - dt.timedelta(minutes=session_type.buffer_before_minutes),
            end=end + dt.timedelta(minutes=session_type.buffer_after_minutes),
            kind=CalendarBlock.Kind.BOOKING,
        )
        Booking.objects.create(
            practitioner=practitioner,
            session_type=session_type,
            block=block,
            start=slot.start,
            end=end,
            modality=slot.modalities[0],
            client_name=f"Asiakas {made}",
            email=f"asiakas{made}@example.fi",
            price=session_type.price,
            vat_rate=session_type.vat_rate,
        )
        taken_until = block.end
        made += 1
    return made
