"""Free slots for 90 days of one session type: with 0 and with 400 bookings in the calendar.

Median of many runs of selectors.free_slots (queries included), and the number of queries it takes.
"""

import datetime as dt
import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bookings import selectors
from bookings.models import Booking, CalendarBlock, Practitioner, SessionType, WeeklyHours
from core.time import HELSINKI

RUNS = 50


def _calendar(slug: str) -> tuple[SessionType, Practitioner]:
    user = get_user_model().objects.create(username=f"bench-{slug}")
    practitioner = Practitioner.objects.create(user=user, display_name="Bench", email="bench@example.fi")
    WeeklyHours.objects.bulk_create(
        WeeklyHours(practitioner=practitioner, weekday=d, start_time=dt.time(8), end_time=dt.time(20))
        for d in range(7)
    )
    session_type = SessionType.objects.create(
        service="supervision",
        slug=slug,
        name="Bench",
        duration_minutes=60,
        slot_step_minutes=30,
        buffer_after_minutes=15,
        min_notice_hours=0,
        horizon_days=120,
    )
    session_type.practitioners.add(practitioner)
    return session_type, practitioner


def _fill(session_type: SessionType, practitioner: Practitioner, count: int, first_day: dt.date) -> None:
    """`count` bookings spread over the 90 days (written directly: the benchmark measures reads)."""
    per_day = -(-count // 90)
    made = 0
    for day in range(90):
        for n in range(per_day):
            if made == count:
                return
            start = dt.datetime.combine(
                first_day + dt.timedelta(days=day), dt.time(8 + 2 * n), tzinfo=HELSINKI
            )
            end = start + dt.timedelta(hours=1)
            block = CalendarBlock.objects.create(
                practitioner=practitioner, start=start, end=end + dt.timedelta(minutes=15), kind="booking"
            )
            Booking.objects.create(
                practitioner=practitioner,
                session_type=session_type,
                block=block,
                start=start,
                end=end,
                modality="online",
                client_name=f"Client {made}",
                email=f"c{made}@example.fi",
                price=session_type.price,
                vat_rate=session_type.vat_rate,
            )
            made += 1


def _median_ms(session_type: SessionType, first_day: dt.date, last_day: dt.date, now: dt.datetime) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        selectors.free_slots(session_type, first_day, last_day, now=now)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run(emit) -> None:
    now = dt.datetime.now(dt.UTC)
    first_day = now.astimezone(HELSINKI).date() + dt.timedelta(days=1)
    last_day = first_day + dt.timedelta(days=89)
    empty, _ = _calendar("bench-empty")
    full, practitioner = _calendar("bench-full")
    _fill(full, practitioner, 400, first_day)
    emit("slots_90d_0_bookings_ms", _median_ms(empty, first_day, last_day, now), "ms")
    emit("slots_90d_400_bookings_ms", _median_ms(full, first_day, last_day, now), "ms")
    with CaptureQueriesContext(connection) as queries:
        selectors.free_slots(full, first_day, last_day, now=now)
    emit("slots_90d_queries", len(queries), "queries")
