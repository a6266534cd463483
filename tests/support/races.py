"""Concurrent races on PostgreSQL, shared by the race tests and make bench.

Threads wait at a barrier, then each books the same time (or seats) in its own connection and
transaction. The figures are how many won: exactly one for a slot, never more than capacity.
"""

import datetime as dt
import threading
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection, connections, transaction
from django.db.models import Sum

from bookings.models import Booking, CalendarBlock
from events.models import Event, SeatBooking


def race(count: int, attempt: Callable[[int], object], *, reraise: bool = False) -> list[object]:
    """Runs attempt(0) … attempt(count - 1) in `count` threads released together at a barrier, each
    in its own database connection (closed when it is done). Returns what each returned, or the
    exception it raised, in order; with `reraise`, raises the first exception instead."""
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = attempt(i)
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
    if reraise and errors:
        raise errors[0]
    return results


def race_for_one_slot(session_type, start: dt.datetime, *, threads: int = 12) -> int:
    """`threads` clients book the same start at once; returns how many bookings of it exist."""
    from bookings.actions.booking import booking_create
    from bookings.actions.common import Client

    def attempt(i: int):
        return booking_create(
            session_type=session_type,
            start=start,
            modality=session_type.modality_list[0],
            client=Client(name=f"Racer {i}", email=f"racer{i}@example.fi"),
        )

    race(threads, attempt)
    return Booking.objects.filter(session_type=session_type, start=start).exclude(status="cancelled").count()


def seats_sold(event: Event) -> int:
    booked = SeatBooking.objects.filter(event=event, status=SeatBooking.Status.CONFIRMED)
    return booked.aggregate(n=Sum("seats"))["n"] or 0


def race_for_last_seats(event: Event, *, threads: int, seats: int = 1) -> int:
    """`threads` people book `seats` seats each at once; returns the seats sold in all."""
    from events.actions.seats import seat_book

    def attempt(i: int):
        return seat_book(event=event, name=f"Racer {i}", email=f"racer{i}@example.fi", seats=seats)

    race(threads, attempt)
    return seats_sold(event)


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


@contextmanager
def row_locked_elsewhere(model, pk):
    """The row locked by another connection (a thread in its own transaction) for the length of the
    `with`, which gets the thread; it lets go when the block ends."""
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                model.objects.select_for_update().get(pk=pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(timeout=10), "the other connection could not lock the row"
        yield holder
    finally:
        release.set()
        holder.join(timeout=10)
