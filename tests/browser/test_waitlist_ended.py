"""A waitlist offer in Chromium, lived through with JavaScript off: the seats taken, the offer page
opened again from the email (a double submit's second request) leads to the seats, not a 404;
axe finds nothing on the pages that say what became of an offer or a place in line."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from events.actions.seats import seat_book, seat_cancel
from events.actions.waitlist import offer_link, waitlist_join, waitlist_leave
from events.models import SeatBooking
from tests.browser.conftest import axe_violations
from tests.events.factories import EventFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"),
]


def en(live_server, name, *args) -> str:
    with translation.override("en"):
        return live_server.url + reverse(name, args=args)


def offered(email: str):
    """A one-seat event whose seat was given back to the first (and only) person in line."""
    event = EventFactory(capacity=1)
    seat, _token = seat_book(event=event, name="A", email="a@example.fi", seats=1)
    entry, waitlist_token = waitlist_join(event=event, name="Mikko", email=email, seats=1, language="en")
    seat_cancel(seat_booking=seat)
    return event, entry, waitlist_token


def test_an_offer_taken_and_opened_again_leads_to_the_seats_with_javascript_off(page_nojs, live_server):
    page = page_nojs
    event, entry, _token = offered("mikko@example.fi")
    offer_url = en(live_server, "events:offer", offer_link(entry, event))
    page.goto(offer_url)
    expect(page.locator("h1")).to_have_text("Seats are free for you")
    page.get_by_role("button", name="Take the seats").click()
    expect(page.locator(".flash")).to_contain_text("The seats are yours")
    page.goto(offer_url)  # the email's link again
    expect(page.locator("h1")).to_have_text("These seats are already yours")
    page.get_by_role("button", name="See your seats").click()
    expect(page.locator(".flash")).to_contain_text("You already have these seats")
    assert SeatBooking.objects.filter(email="mikko@example.fi").count() == 1


def test_ended_offer_and_waitlist_pages_have_no_accessibility_violations(page, live_server):
    event, entry, waitlist_token = offered("mikko@example.fi")
    waitlist_leave(entry=entry)  # declined: the page says the seats passed on
    page.goto(en(live_server, "events:offer", offer_link(entry, event)))
    expect(page.locator("h1")).to_have_text("You gave the seats to the next in line")
    assert axe_violations(page) == []
    page.goto(en(live_server, "events:waitlist_entry", waitlist_token))
    expect(page.locator("h1")).to_have_count(1)
    assert axe_violations(page) == []
    assert page.outside_requests == []
