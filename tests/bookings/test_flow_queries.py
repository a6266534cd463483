"""Query budgets: every booking page takes a small, fixed number of queries whatever the calendar holds
(the numbers include the session's read and write: 4 queries once the visitor has one)."""

import contextlib
import datetime as dt
import re

import pytest

from bookings.exceptions import BookingError
from bookings.models import Booking
from tests.bookings.flow import DAY, DETAILS, START, at, choice, details_form, submission_key, url
from tests.factories import BookingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_clock")]

FLOW_PAGES = {  # page → (query string, budget)
    "bookings:start": ({}, 5),
    "bookings:modality": ({"type": "yksilo"}, 5),
    "bookings:month": (choice(), 9),
    "bookings:times": (choice(date=DAY), 9),
    "bookings:details": (choice(start=START), 9),
    "bookings:review": (choice(start=START), 9),
    "bookings:taken": (choice(start=START), 9),
}
OWN_PAGES = {  # page of the personal link → (query string, budget)
    "bookings:manage": ({}, 7),
    "bookings:ics": ({}, 7),
    "bookings:cancel": ({}, 7),
    "bookings:reschedule": ({}, 11),
    "bookings:reschedule_times": ({"date": DAY}, 11),
    "bookings:reschedule_confirm": ({"start": f"{DAY}T15:00"}, 11),
}


def fill_calendar(session_type, days: int):
    """Three bookings a day on `days` days of March from the 4th, by other clients."""
    for n in range(days):
        day = (dt.date(2027, 3, 4) + dt.timedelta(days=n)).isoformat()
        for hhmm in ("09:00", "13:00", "16:00"):
            with contextlib.suppress(BookingError):  # public holidays are closed
                BookingFactory(
                    session_type=session_type,
                    start=at(day, hhmm),
                    client_name=f"Asiakas {n}",
                    email=f"asiakas{n}@example.fi",
                    online=True,
                )


@pytest.mark.parametrize("days", [0, 25])
@pytest.mark.parametrize("name", FLOW_PAGES)
def test_flow_pages_take_a_fixed_number_of_queries(
    client, session_type, django_assert_max_num_queries, days, name
):
    fill_calendar(session_type, days)
    details_form(client)  # the visitor has a session, as in the middle of the flow
    params, budget = FLOW_PAGES[name]
    with django_assert_max_num_queries(budget):
        response = client.get(url(name, **params))
    assert response.status_code == 200


@pytest.mark.parametrize("days", [0, 25])
@pytest.mark.parametrize("name", OWN_PAGES)
def test_own_booking_pages_take_a_fixed_number_of_queries(
    client, session_type, django_assert_max_num_queries, days, name
):
    fill_calendar(session_type, days)
    token = BookingFactory(
        session_type=session_type, start=at(DAY, "10:00"), client_name="M", email="m@example.fi", online=True
    ).token
    client.get(url("bookings:manage", token))  # the ContentType cache is warm, as in a running site
    params, budget = OWN_PAGES[name]
    with django_assert_max_num_queries(budget):
        response = client.get(url(name, token, **params))
    assert response.status_code == 200


@pytest.mark.parametrize("days", [0, 25])
def test_the_posts_take_a_fixed_number_of_queries(client, session_type, django_assert_max_num_queries, days):
    fill_calendar(session_type, days)
    page = client.get(url("bookings:details", **choice(start=START))).content.decode()
    started = re.search(r'name="form_started" value="([^"]+)"', page)[1]
    with django_assert_max_num_queries(9):
        client.post(url("bookings:details", **choice(start=START)), {**DETAILS, "form_started": started})
    review = client.get(url("bookings:review", **choice(start=START)))
    with django_assert_max_num_queries(45):  # the booking itself: rows, block, history, link, messages
        response = client.post(
            url("bookings:review", **choice(start=START)), {"submission_key": submission_key(review)}
        )
    token = response["Location"].split("/")[-2]
    with django_assert_max_num_queries(45):
        client.post(url("bookings:reschedule_confirm", token, start=f"{DAY}T15:00"))
    with django_assert_max_num_queries(30):
        client.post(url("bookings:cancel", token))
    assert Booking.objects.get(email=DETAILS["email"]).status == Booking.Status.CANCELLED
