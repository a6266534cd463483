"""GET /api/v1/events/ counts what can be booked, lived through with a moved clock: a seat held
by an offer that has expired while people wait is handed on before it is counted, so
`seats_left` stays 0 (and `waitlist` true) instead of showing a seat nobody can book."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from core.time import HELSINKI
from events.actions.seats import seat_cancel
from events.models import WaitlistEntry
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 10, 29, 22, 30, tzinfo=dt.UTC)  # the night before the clocks go back


@pytest.fixture
def clock():
    cache.clear()  # the API's rate limit is counted in the cache
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def seats(client) -> dict:
    today = dt.datetime.now(HELSINKI).date()
    params = {"from": today.isoformat(), "to": (today + dt.timedelta(days=30)).isoformat()}
    (event,) = client.get("/api/v1/events/", params).json()["events"]
    return {"seats_left": event["seats_left"], "waitlist": event["waitlist"]}


def test_seats_left_is_0_while_people_wait_and_an_offer_has_expired(
    client, clock, django_assert_max_num_queries
):
    event = EventFactory(days=10, capacity=1)
    seat = SeatBookingFactory(event=event)
    first = WaitlistEntryFactory(event=event, email="first@example.fi")
    second = WaitlistEntryFactory(event=event, email="second@example.fi")
    with django_assert_max_num_queries(2):  # nothing due: a plain read
        assert seats(client) == {"seats_left": 0, "waitlist": True}
    seat_cancel(seat_booking=seat)
    first.refresh_from_db()
    assert seats(client) == {"seats_left": 0, "waitlist": True}  # held by the offer
    clock.move_to(first.offer_expires_at + dt.timedelta(minutes=1))  # expired, before the beat
    assert seats(client) == {"seats_left": 0, "waitlist": True}
    second.refresh_from_db()
    assert second.status == WaitlistEntry.Status.OFFERED
    clock.move_to(second.offer_expires_at + dt.timedelta(minutes=1))  # nobody waits any more
    assert seats(client) == {"seats_left": 1, "waitlist": False}
