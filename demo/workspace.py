"""Demo content for the practitioner's workspace: sessions earlier this month marked completed (and
one no-show and one cancellation) with check-in answers, so the overview has figures from the first
run, and next week an afternoon of time off and a morning closed (a date exception) in the calendar
(the other half of each day keeps its times, so every weekday that is not a holiday has
some). Idempotent; dates relative to today.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from bookings.actions import hours as hours_actions
from bookings.actions.change import booking_cancel
from bookings.actions.record import booking_mark
from bookings.availability import finnish_holidays
from bookings.models import Booking, CalendarBlock, DateException, Feedback, TimeOff, WeeklyHours
from core.time import HELSINKI

from .calendar import book, practitioner, session_types
from .site import ADMIN_USERNAME

RATINGS = (5, 4, 5, 5, 3, 4, 5)
TRAINING = "Koulutusiltapäivä"
CLOSED_NOTE = "Työterveystarkastus"
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


def _closed_morning(person, today) -> None:
    """A morning closed next week, beside the afternoon off (a date exception, as the hours page makes
    them), once: on the first weekday from next Monday that is not a holiday and has nothing booked
    before 12.00, so the afternoon keeps its free times. Written through hours_replace, the week's
    hours unchanged."""
    if DateException.objects.filter(practitioner=person, note=CLOSED_NOTE, date__gte=today).exists():
        return
    first = today + dt.timedelta(days=7 - today.weekday())
    holidays = finnish_holidays(first, first + dt.timedelta(days=14))
    for day in (first + dt.timedelta(days=n) for n in range(14)):
        opens, noon = (dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI) for hour in (9, 12))
        taken = CalendarBlock.objects.filter(practitioner=person, active=True, start__lt=noon, end__gt=opens)
        if day.weekday() >= 5 or day in holidays or taken.exists():
            continue
        kept = DateException.objects.filter(practitioner=person, date__gte=today)
        exceptions = [
            {
                f: getattr(e, f)
                for f in ("date", "kind", "start_time", "end_time", "in_person", "online", "note")
            }
            for e in kept
        ]
        exceptions.append(
            {
                "date": day,
                "kind": DateException.Kind.CLOSED,
                "start_time": dt.time(9),
                "end_time": dt.time(12),
            }
            | {"in_person": True, "online": True, "note": CLOSED_NOTE}
        )
        ranges = [
            (h.weekday, h.start_time, h.end_time, h.in_person, h.online)
            for h in WeeklyHours.objects.filter(practitioner=person)
        ]
        hours_actions.hours_replace(practitioner=person, ranges=ranges, exceptions=exceptions, today=today)
        return


def load(out) -> None:
    person = practitioner()
    types = session_types(person)
    now = timezone.now()
    today = now.astimezone(HELSINKI).date()
    user = get_user_model().objects.get(username=ADMIN_USERNAME)
    _past_sessions(person, types, today, now, user)
    _time_off(person, today)
    _closed_morning(person, today)
    done = Booking.objects.filter(
        practitioner=person,
        start__date__gte=today.replace(day=1),
        end__lte=now,
        status__in=[Booking.Status.COMPLETED, Booking.Status.NO_SHOW],
    ).count()
    out.write(
        f"workspace: {done} past sessions this month with outcomes and check-ins, an afternoon off next week, "
        "a morning closed"
    )
