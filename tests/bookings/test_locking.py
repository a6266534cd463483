"""Locking as pretix does it: the outermost public actions run in one durable transaction, and a row
lock held elsewhere longer than DB_LOCK_TIMEOUT_MS is a translated "busy, try again" (nothing
changed), not a request that hangs."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import translation

from bookings.actions.booking import booking_create
from bookings.actions.change import booking_cancel
from bookings.actions.common import Client
from bookings.models import Booking
from core.exceptions import Busy
from core.time import HELSINKI
from events.actions.seats import seat_book
from events.models import Event
from tests.events.factories import EventFactory
from tests.factories import bookable
from tests.support.races import row_locked_elsewhere

pytestmark = pytest.mark.django_db(transaction=True)


def _tomorrow_at_ten():
    day = dt.datetime.now(HELSINKI).date() + dt.timedelta(days=2)
    return dt.datetime.combine(day, dt.time(10), tzinfo=HELSINKI).astimezone(dt.UTC)


def _book():
    _, session_type = bookable()
    booking, _token = booking_create(
        session_type=session_type,
        start=_tomorrow_at_ten(),
        modality=session_type.modality_list[0],
        client=Client(name="Maija", email="maija@example.fi"),
    )
    return booking


def test_a_public_action_refuses_to_run_inside_another_transaction():
    _, session_type = bookable()
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        booking_create(
            session_type=session_type,
            start=_tomorrow_at_ten(),
            modality=session_type.modality_list[0],
            client=Client(name="Maija", email="maija@example.fi"),
        )


@pytest.mark.postgres
def test_a_row_locked_elsewhere_too_long_is_busy_and_nothing_changes(settings):
    settings.DB_LOCK_TIMEOUT_MS = 300
    booking = _book()
    with row_locked_elsewhere(Booking, booking.pk) as holder:
        with pytest.raises(Busy) as refused:
            booking_cancel(booking=booking, by_user=None)
        assert holder.is_alive()  # refused while the other transaction still held the row
    with translation.override("fi"):
        assert "yritä hetken kuluttua uudelleen" in str(refused.value.message)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.block.active
    # Once the lock is free again, the same action goes through.
    assert booking_cancel(booking=booking, by_user=None).status == Booking.Status.CANCELLED


@pytest.mark.postgres
def test_a_seat_booking_waits_at_most_the_lock_timeout_for_the_event(settings):
    settings.DB_LOCK_TIMEOUT_MS = 300
    event = EventFactory(capacity=4)
    with row_locked_elsewhere(Event, event.pk) as holder:
        with pytest.raises(Busy):
            seat_book(event=event, name="Liisa", email="liisa@example.fi", seats=1)
        assert holder.is_alive()
    assert not event.seat_bookings.exists()
