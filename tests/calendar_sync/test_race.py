"""A booking committed while a sync writes the external busy times (PostgreSQL, two real transactions):
the sync goes around the booking instead of failing on the exclusion constraint."""

import datetime as dt
import threading

import pytest
from django.db import connection, transaction

from bookings.actions.booking import block_reserve
from bookings.models import CalendarBlock
from calendar_sync.actions import external_blocks_refresh
from calendar_sync.models import ExternalCalendar
from core.time import HELSINKI
from tests.factories import bookable
from tests.support.races import exclusion_constraint_dropped

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
WAIT = 10  # seconds, at most, for each step of the other transaction


def _at(hour: int) -> dt.datetime:
    day = dt.datetime.now(HELSINKI).date() + dt.timedelta(days=3)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI)


def _race(practitioner) -> None:
    """Thread: takes 10–11 in an open transaction; main: refreshes the busy time 9–12 meanwhile.
    The booking commits half a second after the refresh started writing."""
    holding, release = threading.Event(), threading.Event()

    def book():
        try:
            with transaction.atomic():
                block_reserve(practitioner=practitioner, start=_at(10), end=_at(11), kind="booking")
                holding.set()
                release.wait(WAIT)
        finally:
            connection.close()

    other = threading.Thread(target=book)
    other.start()
    assert holding.wait(WAIT)
    timer = threading.Timer(0.5, release.set)
    timer.start()
    try:
        external_blocks_refresh(practitioner=practitioner)
    finally:
        release.set()
        timer.cancel()
        other.join(WAIT)


def _active(practitioner):
    return list(
        CalendarBlock.objects.filter(practitioner=practitioner, active=True)
        .order_by("start")
        .values_list("kind", "start", "end")
    )


def _setup():
    practitioner, _session_type = bookable()
    ExternalCalendar.objects.create(
        practitioner=practitioner,
        url="https://calendar.example.com/secret.ics",
        busy_times=[[_at(9).isoformat(), _at(12).isoformat()]],
    )
    return practitioner


def test_a_booking_committed_during_a_sync_is_gone_around():
    practitioner = _setup()
    _race(practitioner)
    assert _active(practitioner) == [
        ("external", _at(9), _at(10)),
        ("booking", _at(10), _at(11)),
        ("external", _at(11), _at(12)),
    ]


def test_negative_control_without_the_constraint_the_sync_overlaps_the_booking():
    practitioner = _setup()
    with exclusion_constraint_dropped():
        _race(practitioner)
        kinds = _active(practitioner)
        assert ("external", _at(9), _at(12)) in kinds and ("booking", _at(10), _at(11)) in kinds, (
            "the race test could not fail: without the constraint the sync still went around the booking"
        )
