"""Seats of one event under a race: many people book the last seats at once.

On PostgreSQL threads wait at a barrier and each books in its own connection and transaction
(tests/support/races.py, the harness the race tests use); the figure is how many seats were sold
beyond the capacity, which must be 0.
SQLite has no concurrent writers (its IMMEDIATE transactions run one at a time), so there the same
bookings run one after another and a line on stderr says so.
"""

import contextlib
import datetime as dt

from django.contrib.auth import get_user_model
from django.db import connection

from bench.http import say
from bookings.models import Practitioner, SessionType
from events.actions.event import event_create
from events.actions.seats import seat_book
from events.exceptions import SeatsGone
from events.models import Event
from tests.support.races import race_for_last_seats, seats_sold

CAPACITY = 10
SOLD_BEFORE = 7
PEOPLE = 16


def bench_event(name: str = "bench-seats", capacity: int = CAPACITY, sold: int = SOLD_BEFORE) -> Event:
    """An event a week ahead with `sold` of its `capacity` seats already taken."""
    user = get_user_model().objects.create(username=name)
    practitioner = Practitioner.objects.create(user=user, display_name="Bench", email=f"{name}@example.fi")
    session_type = SessionType.objects.create(
        service="sound_relaxation", slug=name, name="Bench", audience="group", group_max=50, is_active=False
    )
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=7)
    event = event_create(
        session_type=session_type,
        practitioner=practitioner,
        start=start,
        end=start + dt.timedelta(hours=1),
        capacity=capacity,
        slug=name,
        title_fi="Bench",
        max_seats_per_booking=capacity,
    )
    if sold:
        seat_book(event=event, name="Early", email="early@example.fi", seats=sold)
    return event


def run(emit) -> None:
    event = bench_event()
    if connection.vendor == "postgresql":
        sold = race_for_last_seats(event, threads=PEOPLE)
    else:
        say("SQLite runs one writer at a time: oversold_seats_under_race is from a sequential run")
        for i in range(PEOPLE):
            with contextlib.suppress(SeatsGone):
                seat_book(event=event, name=f"Person {i}", email=f"p{i}@example.fi", seats=1)
        sold = seats_sold(event)
    emit("oversold_seats_under_race", max(sold - event.capacity, 0), "count")
