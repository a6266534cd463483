"""Many people book the last seats of an event at once on PostgreSQL: exactly the capacity is
sold, by the lock on the event row; without it (the negative control) the race oversells."""

import pytest

from tests.events.factories import EventFactory
from tests.support.races import race_for_last_seats
from tests.support.seams import event_rows_unlocked

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_bookings_of_the_last_seats_sell_exactly_the_capacity():
    event = EventFactory(days=7, capacity=10, max_seats_per_booking=10, seats_taken=7)
    assert race_for_last_seats(event, threads=16) == 10


def test_concurrent_bookings_of_several_seats_each_never_oversell():
    event = EventFactory(days=7, capacity=10, max_seats_per_booking=10, seats_taken=3)
    sold = race_for_last_seats(event, threads=12, seats=2)
    assert sold <= 10 and sold == 9  # 3 + three bookings of two; a fourth would oversell


def test_negative_control_without_the_lock_the_race_oversells():
    event = EventFactory(days=7, capacity=10, max_seats_per_booking=10, seats_taken=7)
    with event_rows_unlocked():
        sold = race_for_last_seats(event, threads=16)
    assert sold > 10, "the race test could not fail: without the lock it still sold only the capacity"
