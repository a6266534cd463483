"""`make demo` at any hour: every demo booking is at a free time of the demo practitioner's weekday
hours (never at night, on a weekend or on a Finnish public holiday, and no extra hours opened for
it); the booking that has ended has its check-in due, the next one its reminder queued (due at once
when it is within the reminder's lead)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from bookings.availability import finnish_holidays
from bookings.messages import booking_checkin
from bookings.models import Booking, DateException, TimeOff, WeeklyHours
from core.time import HELSINKI
from events.models import Event
from notifications.models import Message
from tests.demo.test_command import _own_var, demo  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

MOMENTS = {
    "00.30-after-christmas": "2026-12-28 00:30",  # Monday; Thursday 24th and Friday 25th are holidays
    "05.00-epiphany": "2027-01-06 05:00",  # a Wednesday holiday
    "14.00-tuesday": "2026-11-24 14:00",
    "23.30-before-christmas": "2026-12-23 23:30",  # the next working time is Monday 28th
}


def within_hours(booking: Booking) -> bool:
    start, end = (t.astimezone(HELSINKI) for t in (booking.start, booking.end))
    return start.date() == end.date() and any(
        hours.start_time <= start.time() and end.time() <= hours.end_time
        for hours in WeeklyHours.objects.filter(practitioner=booking.practitioner, weekday=start.weekday())
    )


@pytest.mark.parametrize("when", MOMENTS.values(), ids=MOMENTS.keys())
def test_the_demo_books_inside_weekday_hours_whatever_the_hour(when):
    now = dt.datetime.fromisoformat(when).replace(tzinfo=HELSINKI)
    with time_machine.travel(now, tick=False):
        demo()
        bookings = list(Booking.objects.select_related("practitioner"))
        assert len(bookings) > 10
        days = [b.start.astimezone(HELSINKI).date() for b in bookings]
        holidays = finnish_holidays(min(days), max(days))
        outside = [
            (str(b), b.submission_key) for b in bookings if not within_hours(b) or b.start.date() in holidays
        ]
        assert outside == []
        assert not DateException.objects.filter(kind=DateException.Kind.OPEN).exists()
        for event in Event.objects.all():
            assert event.start.astimezone(HELSINKI).date() not in holidays

        today = now.date()
        ended = Booking.objects.get(submission_key=f"demo-{today}-ended")
        assert ended.end < now and ended.start > now - dt.timedelta(days=7)
        checkin = Message.objects.get(
            kind="booking_checkin", target_id=ended.pk, status=Message.Status.PENDING
        )
        assert checkin.due_at <= timezone.now() and booking_checkin(checkin) is not None

        soon = Booking.objects.get(submission_key=f"demo-{today}-soon")
        assert soon.start >= now + dt.timedelta(hours=2)
        # The next working time: nothing of the practitioner's free online hours before it was skipped.
        reminder = Message.objects.get(
            kind="booking_reminder", target_id=soon.pk, status=Message.Status.PENDING
        )
        lead = dt.timedelta(hours=soon.session_type.reminder_lead_hours)
        assert reminder.due_at == soon.start - lead
        assert ended.block.active and soon.block.active


def test_on_a_working_morning_the_soon_booking_is_today_and_its_reminder_is_due():
    now = dt.datetime(2026, 11, 24, 7, 0, tzinfo=HELSINKI)
    with time_machine.travel(now, tick=False):
        demo()
        soon = Booking.objects.get(submission_key=f"demo-{now.date()}-soon")
        assert soon.start.astimezone(HELSINKI).date() == now.date()
        assert Message.objects.filter(
            kind="booking_reminder", target_id=soon.pk, due_at__lte=timezone.now()
        ).exists()
        ended = Booking.objects.get(submission_key=f"demo-{now.date()}-ended")
        assert ended.start.astimezone(HELSINKI).date() == dt.date(2026, 11, 23)  # Monday afternoon


def test_next_week_has_a_closed_morning_and_an_afternoon_off_and_the_rest_of_those_days_free():
    now = dt.datetime(2026, 11, 24, 14, 0, tzinfo=HELSINKI)
    with time_machine.travel(now, tick=False):
        demo()
        demo()  # idempotent
        [closed] = DateException.objects.all()
        assert closed.kind == DateException.Kind.CLOSED and (closed.start_time, closed.end_time) == (
            dt.time(9),
            dt.time(12),
        )
        monday = dt.date(2026, 11, 30)
        assert monday <= closed.date < monday + dt.timedelta(days=5)
        [time_off] = TimeOff.objects.all()
        assert monday <= time_off.start.astimezone(HELSINKI).date() < monday + dt.timedelta(days=5)
