"""Concurrent races on PostgreSQL, shared by the race tests and make bench.

Threads wait at a barrier, then each books the same time (or seats) in its own connection and
transaction. The figures are how many won: exactly one for a slot, never more than capacity.
"""

import datetime as dt
import threading
from contextlib import contextmanager

from django.db import connection, connections

from bookings.models import Booking, CalendarBlock


def _race(count: int, attempt) -> list[object]:
    barrier = threading.Barrier(count)
    results: list[object] = []
    lock = threading.Lock()

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = attempt(i)
        except Exception as exc:
            outcome = exc
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def race_for_one_slot(session_type, start: dt.datetime, *, threads: int = 12, guard: bool = True) -> int:
    """`threads` clients book the same start at once; returns how many bookings of it exist."""
    from bookings.actions.booking import booking_create
    from bookings.actions.common import Client

    def attempt(i: int):
        return booking_create(
            session_type=session_type,
            start=start,
            modality=session_type.modality_list[0],
            client=Client(name=f"Racer {i}", email=f"racer{i}@example.fi"),
            guard=guard,
        )

    _race(threads, attempt)
    return Booking.objects.filter(session_type=session_type, start=start).exclude(status="cancelled").count()


@contextmanager
def exclusion_constraint_dropped():
    """The negative control: without the database guard (and the check), a race double-books."""
    constraint = next(c for c in CalendarBlock._meta.constraints if c.name == "calendar_block_no_overlap")
    with connection.schema_editor() as editor:
        editor.remove_constraint(CalendarBlock, constraint)
    try:
        yield
    finally:
        Booking.objects.all().delete()
        CalendarBlock.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(CalendarBlock, constraint)
