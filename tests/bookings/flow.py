"""What the booking-flow tests share: the fixed Monday morning they run at (NOW; the `flow_clock`
fixture of conftest.py), and the steps' addresses and forms."""

import datetime as dt
import re

from django.utils import translation

from bookings.actions.common import Client
from bookings.views.flow import step_url
from core.time import HELSINKI

NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)  # Monday 10.00 in Helsinki
DAY = "2027-03-03"  # a Wednesday, open 8–18
START = f"{DAY}T10:00"
DETAILS = {"name": "Maija Meikäläinen", "email": "maija@example.fi", "phone": "040 123 4567", "notes": ""}
SOMEONE = Client(name="Matti Muukalainen", email="matti@example.fi")


def url(name, *args, lang="fi", **params):
    with translation.override(lang):
        return step_url(name, *args, **params)


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=HELSINKI).astimezone(dt.UTC)


def choice(session_type=None, **params):
    return {"type": session_type.slug if session_type else "yksilo", "modality": "online", **params}


def html(response) -> str:
    return response.content.decode()


def details_form(client, session_type=None, start=START, **params):
    """Fills in and sends the details step; returns the response."""
    data = {**DETAILS, **params}
    page = client.get(url("bookings:details", **choice(session_type, start=start)))
    started = re.search(r'name="form_started" value="([^"]+)"', html(page))[1]
    return client.post(
        url("bookings:details", **choice(session_type, start=start)), {**data, "form_started": started}
    )


def submission_key(response) -> str:
    return re.search(r'name="submission_key" value="([^"]+)"', html(response))[1]


def book_through_pages(client, session_type=None, start=START, **details):
    """Details → review → confirm; returns the response of the confirming POST."""
    assert details_form(client, session_type, start, **details).status_code == 302
    review = client.get(url("bookings:review", **choice(session_type, start=start)))
    assert review.status_code == 200
    return client.post(
        url("bookings:review", **choice(session_type, start=start)),
        {"submission_key": submission_key(review)},
    )
