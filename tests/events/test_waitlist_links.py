"""Waitlist links that end explain themselves, lived through with a moved clock: an offer that
expired, was declined or was used, a claim sent twice, a line closed by the deadline or a
cancellation each get a page that says what happened and what the person can do (410 when the
place has ended, 200 when the seats are theirs); a tampered token is still a plain 404."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse as django_reverse
from django.utils import translation

from bookings.actions.common import LINK_LIFETIME_AFTER_END
from events.actions.event import event_cancel, event_update
from events.actions.seats import seat_cancel
from events.models import SeatBooking, WaitlistEntry
from notifications.actions import messages_send_due
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory

pytestmark = pytest.mark.django_db
Status = WaitlistEntry.Status
NOW = dt.datetime(2027, 5, 3, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def reverse(name, token, language="en") -> str:
    with translation.override(language):
        return django_reverse(name, args=[token])


def offered_line(language="en"):
    """A full one-seat event, two people in line; the seat is given back, so the first in line
    (in `language`) gets the offer email. Returns (event, first, second, the offer's path)."""
    event = EventFactory(days=10, capacity=1)
    seat = SeatBookingFactory(event=event)
    first = WaitlistEntryFactory(event=event, email="first@example.fi", language=language)
    second = WaitlistEntryFactory(event=event, email="second@example.fi")
    seat_cancel(seat_booking=seat)
    mail.outbox.clear()
    messages_send_due(seconds=10)
    prefix = reverse("events:offer", "x", language)[:-2]  # the offer pages' path in that language
    offer = next(m for m in mail.outbox if m.to == ["first@example.fi"] and prefix in m.body)
    url = next(word for word in offer.body.split() if prefix in word)
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    return event, first, second, "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_an_expired_offer_says_so_before_and_after_the_hand_over_and_a_tampered_link_is_404(client, clock):
    event, first, second, offer_path = offered_line(language="fi")
    assert client.get(offer_path).status_code == 200
    clock.move_to(first.offer_expires_at + dt.timedelta(minutes=1))  # before the 5-minute beat
    for path in (offer_path, reverse("events:waitlist_entry", first.token, "fi")):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == 410, path
        assert "Tarjous on vanhentunut" in html and "siirtyivät seuraavalle jonossa" in html
        assert "Paikkoja tarjottu" not in html  # never the bare status with no form
        assert f'href="{django_reverse("events:event", args=[event.slug])}#waitlist"' in html
        assert "Liity jonotuslistalle uudelleen" in html
    second.refresh_from_db()
    assert second.status == Status.OFFERED  # reading the page handed the seat on
    tampered = offer_path.rstrip("/")[:-4] + "AAAA/"
    assert client.get(tampered).status_code == 404
    clock.move_to(event.end + dt.timedelta(days=7))  # the link outlives the offer and the event
    assert client.get(offer_path).status_code == 410


def test_a_claim_sent_twice_leads_to_the_seats_not_to_a_404(client, clock):
    _event, first, _second, offer_path = offered_line()
    claim = {"claim": "1", "phone": "040 123 4567", "conditions": ["implant"], "consent": "on"}
    once = client.post(offer_path, claim)
    twice = client.post(offer_path, claim)  # the button pressed again, or the page sent again
    assert once.status_code == 302 and twice.status_code == 302
    page = client.get(twice["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "You already have these seats: here they are." in html
    assert SeatBooking.objects.filter(email="first@example.fi").count() == 1
    clock.move_to(first.offer_expires_at + dt.timedelta(hours=1))
    later = client.get(offer_path)
    html = later.content.decode()
    assert later.status_code == 200 and "These seats are already yours" in html
    assert 'name="claim"' in html and "See your seats" in html and 'name="phone"' not in html
    assert client.post(offer_path, {"claim": "1"})["Location"].startswith("/en/booking/my-seats/")


def test_a_declined_offer_says_the_seats_passed_on(client, clock):
    _event, _first, second, offer_path = offered_line()
    assert client.post(offer_path, {"leave": "1"}).status_code == 302
    clock.move_to(NOW + dt.timedelta(hours=2))
    response = client.get(offer_path)
    assert response.status_code == 410
    assert "You gave the seats to the next in line" in response.content.decode()
    assert client.post(offer_path, {"leave": "1"}).status_code == 410  # sent again: the same page
    second.refresh_from_db()
    assert second.status == Status.OFFERED


def test_a_line_closed_by_the_deadline_says_so_and_offers_the_open_events(client, clock):
    event = EventFactory(days=10, capacity=1, full=True)
    waiting = WaitlistEntryFactory(event=event)
    url = reverse("events:waitlist_entry", waiting.token)
    assert client.get(url).status_code == 200
    clock.move_to(event.registration_deadline + dt.timedelta(minutes=1))
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 410 and "Registration has closed" in html
    assert "closed before seats came free for you" in html and "See the open events" in html
    assert "Join the waitlist again" not in html and 'name="leave"' not in html


def test_a_cancelled_events_line_says_the_event_was_cancelled(client, clock):
    event = EventFactory(days=10, capacity=1, full=True)
    waiting = WaitlistEntryFactory(event=event)
    clock.move_to(NOW + dt.timedelta(days=1))
    event_cancel(event=event, reason="Sairastuminen")
    response = client.get(reverse("events:waitlist_entry", waiting.token))
    assert response.status_code == 410
    assert "The event was cancelled, so its waitlist has ended." in response.content.decode()


def test_an_event_moved_later_moves_the_lifetime_of_its_waitlist_links(client, clock):
    event, first, _second, offer_path = offered_line()
    later = event.start + dt.timedelta(days=30)
    event_update(event=event, start=later, end=later + (event.end - event.start))
    clock.move_to(event.end + LINK_LIFETIME_AFTER_END + dt.timedelta(days=1))  # past the old lifetime
    assert client.get(offer_path).status_code == 410
    assert client.get(reverse("events:waitlist_entry", first.token)).status_code == 410
