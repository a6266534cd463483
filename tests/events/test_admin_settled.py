"""The practitioner's admin settles the waitlist before it counts seats, lived through with a moved
clock: between an offer's expiry and the next periodic hand-over, the events list and the event's
change page show the seat gone to the next in line (or free when nobody waits), never the stale
offer, and the list does so in as many queries whatever its length."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events.actions.seats import seat_cancel
from events.models import WaitlistEntry
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory

pytestmark = pytest.mark.django_db
Status = WaitlistEntry.Status
NOW = dt.datetime(2027, 9, 6, 6, 0, tzinfo=dt.UTC)
CHANGELIST = "admin:events_event_changelist"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def offer_made(*, waiting: int):
    """A full one-seat event with `waiting` people in line; the seat is given back and offered to
    the first. Returns the event and the entries, first in line first."""
    event = EventFactory(days=10, capacity=1)
    seat = SeatBookingFactory(event=event)
    entries = [WaitlistEntryFactory(event=event, email=f"jono{n}@example.fi") for n in range(waiting)]
    seat_cancel(seat_booking=seat)
    return event, entries


def let_expire(clock, entry, client, user):
    """Moves the clock to a minute past the entry's offer (before the periodic hand-over) and signs
    the practitioner in again (the session of the day before has ended)."""
    entry.refresh_from_db()
    clock.move_to(entry.offer_expires_at + dt.timedelta(minutes=1))
    client.force_login(user)


def counts_in_list(html: str, event) -> tuple[str, str]:
    """The list row's "seats taken" and "waiting" of `event` (the row links to its change page)."""
    row = next(r for r in html.split("<tr")[1:] if reverse("admin:events_event_change", args=[event.pk]) in r)
    return tuple(
        re.search(rf'class="field-{name}[^"]*">([^<]*)<', row).group(1)
        for name in ("seats_taken", "waiting_count")
    )


def counts_on_page(html: str) -> tuple[str, str]:
    return tuple(
        re.search(rf'field-{name}.*?<div class="readonly">([^<]*)<', html, re.S).group(1).strip()
        for name in ("seats_taken", "waiting_count")
    )


def statuses(*entries) -> tuple:
    return tuple(WaitlistEntry.objects.get(pk=entry.pk).status for entry in entries)


def test_the_list_shows_the_expired_offers_seat_gone_to_the_next_in_line(client, admin_user, clock):
    event, (first, second) = offer_made(waiting=2)
    let_expire(clock, first, client, admin_user)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert counts_in_list(html, event) == ("1", "0")  # offered to the second, nobody left waiting
    assert statuses(first, second) == (Status.EXPIRED, Status.OFFERED)


def test_the_change_page_shows_the_seat_handed_on_or_free_when_nobody_waits(client, admin_user, clock):
    handed, (first, second) = offer_made(waiting=2)
    alone, (only,) = offer_made(waiting=1)
    let_expire(clock, only, client, admin_user)
    for event, counts, shown in ((handed, ("1", "0"), Status.OFFERED), (alone, ("0", "0"), Status.EXPIRED)):
        response = client.get(reverse("admin:events_event_change", args=[event.pk]))
        html = response.content.decode()
        assert counts_on_page(html) == counts
        with translation.override(response["Content-Language"]):
            assert str(shown.label) in html
    assert statuses(first, second, only) == (Status.EXPIRED, Status.OFFERED, Status.EXPIRED)


def test_the_list_counts_in_as_many_queries_whatever_its_length(
    client, admin_user, clock, django_assert_max_num_queries
):
    def list_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(CHANGELIST)).status_code == 200
        return len(queries)

    client.force_login(admin_user)
    offer_made(waiting=2)  # a live offer and a person waiting: nothing to hand on
    one = list_queries()
    for _ in range(4):
        offer_made(waiting=2)
    with django_assert_max_num_queries(one):
        client.get(reverse(CHANGELIST))
    event, (first, _second) = offer_made(waiting=2)
    # Every offer has now expired: each event's seat is handed on once, by this read.
    let_expire(clock, first, client, admin_user)
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert counts_in_list(html, event) == ("1", "0")
    with django_assert_max_num_queries(one):  # handed on: the next read writes nothing again
        client.get(reverse(CHANGELIST))


def test_the_seat_cancel_page_names_the_line_as_it_is_served(client, admin_user, clock):
    event = EventFactory(days=10, capacity=2)
    kept, given_back = SeatBookingFactory(event=event), SeatBookingFactory(event=event)
    first = WaitlistEntryFactory(event=event, name="Ensimmäinen Jonossa", email="jono0@example.fi")
    second = WaitlistEntryFactory(event=event, name="Toinen Jonossa", email="jono1@example.fi")
    seat_cancel(seat_booking=given_back)  # offered to the first
    let_expire(clock, first, client, admin_user)
    with translation.override("en"):
        html = client.get(reverse("admin:events_seatbooking_cancel", args=[kept.pk])).content.decode()
    # The second has been offered the expired seat: nobody is left waiting for the one cancelled here.
    assert "Toinen Jonossa" not in html
    assert statuses(first, second) == (Status.EXPIRED, Status.OFFERED)
