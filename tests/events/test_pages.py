"""The event pages: list, event (book seats, full → waitlist), one's seats, the waitlist and an
offer; bad input stays on the page with its errors; tokens that are wrong are a plain 404; a
fixed number of queries whatever the number of events and seats."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse as django_reverse
from django.utils import translation

from events.actions.event import event_update
from events.actions.seats import seat_cancel
from events.models import SeatBooking, WaitlistEntry
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory, group_type

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_fill_time(settings):
    settings.SPAM_MIN_FILL_SECONDS = (
        -1
    )  # the stamp is rounded to 0.1 s: with 0 a quick post can be "too fast"
    cache.clear()  # rate limits are counted in the cache


def reverse(name, args=None) -> str:
    """The English page (the tests read English words; Finnish is the site's default)."""
    with translation.override("en"):
        return django_reverse(name, args=args)


def stamp(client, url, name="form_started") -> str:
    """The signed fill-time stamp of a form on the page (as a browser would send it back)."""
    html = client.get(url).content.decode()
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def seat_post(client, event, **fields):
    url = reverse("events:event", args=[event.slug])
    data = {
        "name": "Liisa Mäkelä",
        "email": "liisa@example.fi",
        "phone": "",
        "seats": "2",
        "form_started": stamp(client, url),
    }
    return client.post(url, {**data, **fields})


def test_the_list_shows_upcoming_events_with_seats_left_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    session_type = group_type()
    for n in range(6):
        EventFactory(days=5 + n, capacity=3, session_type=session_type, seats_taken=n % 4 or 1)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("events:events"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="card event-card"') == 6
    assert "Full — join the waitlist" in html and "2 seats left" in html


def test_an_event_page_with_seats_shows_the_form_and_books_seats(client, django_assert_max_num_queries):
    event = EventFactory(capacity=5)
    url = reverse("events:event", args=[event.slug])
    with django_assert_max_num_queries(4):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200 and "5 seats left" in html
    assert 'name="conditions"' in html and "consult your doctor" in html
    response = seat_post(client, event, conditions=["pregnancy"], consent="on")
    seat = SeatBooking.objects.get()
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("events:seats", args=["x"])[:-2]
    )
    assert seat.seats == 2 and seat.health["conditions"] == ["pregnancy"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Confirmed: 2 seats" in page.content.decode()
    assert client.get(url).content.decode().count("3 seats left") == 1


def test_health_answers_without_consent_are_refused_at_the_field_and_nothing_typed_is_lost(client):
    event = EventFactory(capacity=5)
    response = seat_post(client, event, conditions=["epilepsy"], other="Pieni huomio")
    html = response.content.decode()
    assert response.status_code == 200 and not SeatBooking.objects.exists()
    assert 'class="error-summary"' in html and "tick your consent here" in html
    assert 'value="Liisa Mäkelä"' in html and "Pieni huomio" in html


def test_too_many_seats_for_what_is_left_says_how_many_and_offers_the_waitlist(client):
    event = EventFactory(capacity=3)
    form_url = reverse("events:event", args=[event.slug])
    started = stamp(client, form_url)
    SeatBookingFactory(event=event, name="Ensin", email="first@example.fi", seats=2)
    response = client.post(
        form_url, {"name": "Liisa", "email": "liisa@example.fi", "seats": "2", "form_started": started}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "only 1 seat is left" in html and 'id="waitlist"' in html
    assert 'value="liisa@example.fi"' in html  # the waitlist form is filled in from what was typed


def test_a_full_event_says_so_and_joining_the_waitlist_shows_the_position(client):
    event = EventFactory(capacity=1, full=True)
    WaitlistEntryFactory(event=event, name="Toka", email="second@example.fi")
    url = reverse("events:event", args=[event.slug])
    html = client.get(url).content.decode()
    assert "Full — join the waitlist" in html and 'name="conditions"' not in html
    response = client.post(
        reverse("events:event_waitlist", args=[event.slug]),
        {
            "waitlist-name": "Mikko",
            "waitlist-email": "mikko@example.fi",
            "waitlist-seats": "1",
            "waitlist-form_started": stamp(client, url, "waitlist-form_started"),
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "you are number 2 in line" in page


def test_spam_is_refused_at_the_honeypot(client):
    event = EventFactory(capacity=3)
    response = seat_post(client, event, website="http://spam.example")
    assert response.status_code == 200 and not SeatBooking.objects.exists()


def test_giving_seats_back_through_the_link_offers_them_to_the_waitlist(client):
    event = EventFactory(capacity=2)
    seat = SeatBookingFactory(event=event, seats=2)
    entry = WaitlistEntryFactory(event=event)
    response = client.post(reverse("events:seats_cancel", args=[seat.token]), {"seats": "1"})
    assert response.status_code == 302
    seat.refresh_from_db(), entry.refresh_from_db()
    assert seat.seats == 1 and entry.status == WaitlistEntry.Status.OFFERED
    assert "You now have 1 seat." in client.get(response["Location"]).content.decode()


def test_the_waitlist_page_lets_the_person_take_an_offer_with_the_health_questions(client):
    event = EventFactory(capacity=1)
    seat = SeatBookingFactory(event=event)
    entry = WaitlistEntryFactory(event=event)
    seat_cancel(seat_booking=seat)
    url = reverse("events:waitlist_entry", args=[entry.token])
    html = client.get(url).content.decode()
    assert "Seats are free for you" in html and 'name="consent"' in html
    response = client.post(
        url, {"claim": "1", "phone": "040 123 4567", "conditions": ["implant"], "consent": "on"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.CLAIMED
    assert entry.seat_booking.health["conditions"] == ["implant"]


def test_leaving_the_waitlist(client):
    entry = WaitlistEntryFactory(event=EventFactory(capacity=1, full=True))
    response = client.post(reverse("events:waitlist_entry", args=[entry.token]), {"leave": "1"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == WaitlistEntry.Status.LEFT


@pytest.mark.parametrize("name", ["seats", "seats_ics", "waitlist_entry", "offer"])
def test_a_wrong_token_is_a_plain_404(client, name):
    assert client.get(reverse(f"events:{name}", args=["not-a-token"])).status_code == 404


def test_an_unknown_or_draft_event_is_a_404(client):
    draft = EventFactory(capacity=3, draft=True)
    assert client.get(reverse("events:event", args=[draft.slug])).status_code == 404
    assert client.get(reverse("events:event", args=["ei-ole"])).status_code == 404


def test_after_the_deadline_the_page_says_registration_closed_and_a_post_is_refused(client):
    event = EventFactory(capacity=3)
    event = event_update(event=event, registration_deadline=event.start - dt.timedelta(hours=3))
    url = reverse("events:event", args=[event.slug])
    started = stamp(client, url)
    with time_machine.travel(event.registration_deadline + dt.timedelta(minutes=1)):
        html = client.get(url).content.decode()
        assert "Registration for this event has closed." in html and 'name="seats"' not in html
        response = client.post(
            url, {"name": "L", "email": "l@example.fi", "seats": "1", "form_started": started}
        )
        assert response.status_code == 302 and not SeatBooking.objects.exists()


def test_the_seats_calendar_file_is_served(client):
    event = EventFactory(capacity=3)
    seat = SeatBookingFactory(event=event)
    response = client.get(reverse("events:seats_ics", args=[seat.token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content


def test_the_home_page_lists_upcoming_open_events(client):
    event = EventFactory(capacity=3)
    html = client.get("/en/").content.decode()
    assert "Upcoming open events" in html and reverse("events:event", args=[event.slug]) in html


def test_posting_seats_is_rate_limited(client, settings):
    settings.RATELIMIT_BOOKING_FORMS = "2/h"
    event = EventFactory(capacity=10)
    statuses = [seat_post(client, event, email=f"p{n}@example.fi", seats="1").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
