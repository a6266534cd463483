"""Demo content for the practitioner's workspace: sessions earlier this month marked completed (and
one no-show and one cancellation) with check-in answers, so the overview has figures from the first
run, and an afternoon of time off next week in the calendar (the morning keeps its times, so every
weekday that is not a holiday has some). Idempotent; dates relative to today.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from bookings.actions import hours as hours_actions
from bookings.actions.change import booking_cancel
from bookings.actions.record import booking_mark
from bookings.availability import finnish_holidays
from bookings.models import Booking, CalendarBlock, Feedback, TimeOff
from core.time import HELSINKI

from .calendar import book, practitioner, session_types
from .site import ADMIN_USERNAME

RATINGS = (5, 4, 5, 5, 3, 4, 5)
TRAINING = "Koulutusiltapäivä"
HELPED = (
    "Sain sanoitettua, mikä tiimissä kuormittaa.",
    "Rauhallinen tila ajatella ääneen.",
    "",
)


def _past_sessions(person, types, today, now, user) -> None:
    """Completed sessions on the weekdays of this month before today, and the one that ended today
    (held, its check-in not answered yet: the check-in is due, and answering it is the demo)."""
    hour_type = types["yksilotyonohjaus"]
    first = today.replace(day=1)
    days = [first + dt.timedelta(days=i) for i in range((today - first).days)]
    for n, day in enumerate(d for d in days if d.weekday() < 5):
        start = dt.datetime.combine(day, dt.time(9 + n % 5), tzinfo=HELSINKI)
        booking = book(
            f"demo-admin-{day}",
            hour_type,
            start,
            n,
            made_at=start - dt.timedelta(days=7),
            modality="in_person",
        )
        if booking is None or booking.start > now:
            continue
        _outcome(booking, n, user)
    ended_today = Booking.objects.filter(
        submission_key=f"demo-{today}-ended", status=Booking.Status.CONFIRMED, end__lte=now
    ).first()
    if ended_today is not None:
        booking_mark(booking=ended_today, status=Booking.Status.COMPLETED, by_user=user)


def _outcome(booking: Booking, n: int, user) -> None:
    if n % 9 == 4:
        booking_mark(booking=booking, status=Booking.Status.NO_SHOW, by_user=user)
        return
    if n % 9 == 7:
        booking_cancel(booking=booking, by_user=user, reason="Sairastuminen")
        return
    booking_mark(booking=booking, status=Booking.Status.COMPLETED, by_user=user)
    Feedback.objects.get_or_create(
        booking=booking,
        defaults={
            "rating": RATINGS[n % len(RATINGS)],
            "helped": HELPED[n % len(HELPED)],
            "wants_next": n % 2 == 0,
        },
    )


def _time_off(person, today) -> None:
    """A training afternoon next week, once: on the first of its Wednesday, Thursday and Friday that
    is not a holiday and has nothing booked before 16.00, so that its morning keeps its free times."""
    monday = today + dt.timedelta(days=7 - today.weekday())
    week = [dt.datetime.combine(monday + dt.timedelta(days=n), dt.time(0), tzinfo=HELSINKI) for n in (0, 7)]
    if TimeOff.objects.filter(practitioner=person, reason=TRAINING, start__range=week).exists():
        return
    holidays = finnish_holidays(monday, monday + dt.timedelta(days=6))
    for day in (monday + dt.timedelta(days=n) for n in (2, 3, 4)):
        opens, start, end = (dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI) for hour in (9, 12, 16))
        taken = CalendarBlock.objects.filter(practitioner=person, active=True, start__lt=end, end__gt=opens)
        if day in holidays or taken.exists():
            continue
        hours_actions.time_off_add(practitioner=person, start=start, end=end, reason=TRAINING)
        return


def load(out) -> None:
    person = practitioner()
    types = session_types(person)
    now = timezone.now()
    today = now.astimezone(HELSINKI).date()
    user = get_user_model().objects.get(username=ADMIN_USERNAME)
    _past_sessions(person, types, today, now, user)
    _time_off(person, today)
    done = Booking.objects.filter(
        practitioner=person,
        start__date__gte=today.replace(day=1),
        end__lte=now,
        status__in=[Booking.Status.COMPLETED, Booking.Status.NO_SHOW],
    ).count()
    out.write(
        f"workspace: {done} past sessions this month with outcomes and check-ins, an afternoon off next week"
    )
