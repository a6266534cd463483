"""The waitlist settles on read, lived through with a moved clock: between an offer's expiry and
the next periodic hand-over (up to 5 minutes), what a page shows is what can be booked (the seat
went to the next in line, not back to everyone), and a refused booking or claim never undoes the
hand-over it made."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse as django_reverse
from django.utils import translation

from events.actions.seats import seat_book, seat_cancel
from events.actions.waitlist import offer_claim
from events.exceptions import OfferGone, SeatsGone
from events.models import Event, SeatBooking, WaitlistEntry
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory
from tests.support.races import row_locked_elsewhere

pytestmark = pytest.mark.django_db
Status = WaitlistEntry.Status
NOW = dt.datetime(2027, 9, 6, 6, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def reverse(name, *args) -> str:
    with translation.override("en"):
        return django_reverse(name, args=args)


@pytest.fixture
def expired_offer(clock):
    """A full one-seat event; two people wait; the seat is given back and offered to the first,
    who lets the offer expire. The clock stands a minute after the expiry, before the beat."""
    event = EventFactory(days=10, capacity=1)
    seat = SeatBookingFactory(event=event)
    first = WaitlistEntryFactory(event=event, email="first@example.fi")
    second = WaitlistEntryFactory(event=event, email="second@example.fi")
    seat_cancel(seat_booking=seat)
    first.refresh_from_db()
    clock.move_to(first.offer_expires_at + dt.timedelta(minutes=1))
    return event, first, second


def statuses(*entries) -> tuple:
    return tuple(WaitlistEntry.objects.get(pk=entry.pk).status for entry in entries)


def test_the_event_page_and_list_show_no_free_seat_while_people_wait_for_it(client, expired_offer):
    event, first, second = expired_offer
    html = client.get(reverse("events:event", event.slug)).content.decode()
    assert "Full — join the waitlist" in html and "1 seat left" not in html and 'name="phone"' not in html
    assert statuses(first, second) == (Status.EXPIRED, Status.OFFERED)
    listed = client.get(reverse("events:events")).content.decode()
    assert "Full — join the waitlist" in listed


def test_a_refused_booking_keeps_the_hand_over_it_made(expired_offer):
    event, first, second = expired_offer
    with pytest.raises(SeatsGone) as refused:
        seat_book(event=event, name="Uusi", email="new@example.fi", seats=1)
    assert refused.value.left == 0
    assert statuses(first, second) == (Status.EXPIRED, Status.OFFERED)
    assert not SeatBooking.objects.filter(email="new@example.fi").exists()


def test_a_refused_late_claim_keeps_the_hand_over_it_made(expired_offer):
    _event, first, second = expired_offer
    with pytest.raises(OfferGone):
        offer_claim(entry=first)
    assert statuses(first, second) == (Status.EXPIRED, Status.OFFERED)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_page_read_while_another_request_holds_the_event_still_answers(client, settings, expired_offer):
    settings.DB_LOCK_TIMEOUT_MS = 300
    event, first, second = expired_offer
    with row_locked_elsewhere(Event, event.pk) as holder:
        response = client.get(reverse("events:event", event.slug))
        assert holder.is_alive()  # answered while the other transaction still held the row
    assert response.status_code == 200  # the read shows what it read; the hand-over waits its turn
    assert statuses(first, second) == (Status.OFFERED, Status.WAITING)
    client.get(reverse("events:event", event.slug))
    assert statuses(first, second) == (Status.EXPIRED, Status.OFFERED)
