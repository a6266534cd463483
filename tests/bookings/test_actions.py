"""Booking actions: the guard, policies, history, messages, calendar files."""

import datetime as dt

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from icalendar import Calendar

from bookings import selectors
from bookings.actions.booking import block_reserve, booking_confirm, booking_create, booking_decline
from bookings.actions.change import booking_cancel, booking_reschedule
from bookings.actions.common import Client
from bookings.actions.record import booking_mark
from bookings.exceptions import InvalidState, OutsideAvailability, OutsidePolicy, SlotTaken
from bookings.ics import booking_ics, booking_uid
from bookings.models import Booking, BookingChange, CalendarBlock, SessionType
from core.time import HELSINKI
from notifications.models import Message
from privacy.links import link_resolve
from tests.factories import BookingFactory, StaffFactory, bookable

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)  # Monday 10.00 in Helsinki
CLIENT = Client(name="Maija Meikäläinen", email="maija@example.fi", phone="040 1234567", language="fi")


def at(day, hour, minute=0):
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=HELSINKI).astimezone(dt.UTC)


def kinds(booking):
    return sorted(
        Message.objects.filter(
            target_type=ContentType.objects.get_for_model(Booking), target_id=booking.pk, status="pending"
        ).values_list("kind", flat=True)
    )


def test_instant_booking_takes_the_time_queues_messages_and_gives_a_link():
    _, session_type = bookable()
    booking, token = booking_create(
        session_type=session_type, start=at(3, 10), modality="online", client=CLIENT, now=NOW
    )
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.end - booking.start == dt.timedelta(hours=1)
    assert booking.block.kind == CalendarBlock.Kind.BOOKING and booking.block.active
    assert booking.meeting_url.startswith("https://")
    assert link_resolve(token, purpose="booking", model=Booking) == booking
    assert kinds(booking) == [
        "booking_checkin",
        "booking_confirmed",
        "booking_reminder",
        "practitioner_booking",
    ]
    reminder = Message.objects.get(kind="booking_reminder", target_id=booking.pk)
    assert reminder.due_at == booking.start - dt.timedelta(hours=24)
    assert [c.action for c in booking.changes.all()] == [BookingChange.Action.CREATED]
    assert at(3, 10) not in {
        s.start for s in selectors.free_slots(session_type, *[dt.date(2027, 3, 3)] * 2, now=NOW)
    }


def test_booking_the_same_time_twice_is_refused():
    _, session_type = bookable()
    BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    with pytest.raises(OutsideAvailability):
        BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    assert Booking.objects.count() == 1


def test_the_guard_itself_refuses_an_overlapping_block():
    practitioner, session_type = bookable()
    BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    with pytest.raises(SlotTaken):
        block_reserve(practitioner=practitioner, start=at(3, 10, 30), end=at(3, 11, 30), kind="time_off")


def test_a_time_outside_hours_or_notice_is_refused():
    _, session_type = bookable()
    with pytest.raises(OutsideAvailability):
        BookingFactory(session_type=session_type, start=at(3, 19), online=True, now=NOW)  # after 18
    with pytest.raises(OutsideAvailability):
        BookingFactory(
            session_type=session_type, start=at(1, 10, 30), online=True, now=NOW
        )  # not on the hour grid
    with pytest.raises(OutsideAvailability):
        BookingFactory(session_type=session_type, start=NOW + dt.timedelta(minutes=30), online=True, now=NOW)


def test_request_mode_holds_the_time_until_confirmed_or_declined():
    _, session_type = bookable(booking_mode=SessionType.BookingMode.REQUEST)
    staff = StaffFactory()
    booking = BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    assert booking.status == Booking.Status.REQUESTED and booking.block.kind == CalendarBlock.Kind.HOLD
    assert kinds(booking) == ["booking_requested", "practitioner_booking"]
    assert at(3, 10) not in {
        s.start for s in selectors.free_slots(session_type, *[dt.date(2027, 3, 3)] * 2, now=NOW)
    }

    booking_confirm(booking=booking, by_user=staff, now=NOW)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED and booking.sequence == 1
    assert CalendarBlock.objects.get(pk=booking.block_id).kind == CalendarBlock.Kind.BOOKING
    assert "booking_reminder" in kinds(booking)

    other = BookingFactory(session_type=session_type, start=at(3, 12), online=True, now=NOW)
    booking_decline(booking=other, by_user=staff, reason="Olen lomalla")
    other.refresh_from_db()
    assert other.status == Booking.Status.DECLINED and not other.block.active
    assert at(3, 12) in {
        s.start for s in selectors.free_slots(session_type, *[dt.date(2027, 3, 3)] * 2, now=NOW)
    }
    with pytest.raises(InvalidState):
        booking_confirm(booking=other, by_user=staff)


def test_double_submission_books_once():
    _, session_type = bookable()
    first = BookingFactory(
        session_type=session_type, start=at(3, 10), submission_key="k" * 32, online=True, now=NOW
    )
    second = BookingFactory(
        session_type=session_type, start=at(3, 10), submission_key="k" * 32, online=True, now=NOW
    )
    assert first == second and Booking.objects.count() == 1


def test_reschedule_moves_the_block_raises_sequence_and_supersedes_the_reminder():
    _, session_type = bookable()
    booking = BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    booking_reschedule(booking=booking, start=at(4, 14), now=NOW)
    booking.refresh_from_db()
    assert booking.start == at(4, 14) and booking.sequence == 1
    assert CalendarBlock.objects.get(pk=booking.block_id).start == at(4, 14)
    reminders = Message.objects.filter(kind="booking_reminder", target_id=booking.pk)
    assert sorted(reminders.values_list("status", flat=True)) == ["cancelled", "pending"]
    assert reminders.get(status="pending").due_at == at(3, 14)
    assert "booking_rescheduled" in kinds(booking)
    # The old time is free again.
    assert at(3, 10) in {
        s.start for s in selectors.free_slots(session_type, *[dt.date(2027, 3, 3)] * 2, now=NOW)
    }


def test_reschedule_into_taken_time_is_refused():
    _, session_type = bookable()
    booking = BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    BookingFactory(session_type=session_type, start=at(3, 12), online=True, now=NOW)
    with pytest.raises(OutsideAvailability):
        booking_reschedule(booking=booking, start=at(3, 12), now=NOW)
    booking.refresh_from_db()
    assert booking.start == at(3, 10) and booking.sequence == 0


def test_reschedule_within_its_own_time_is_allowed():
    _, session_type = bookable(duration_minutes=90, slot_step_minutes=30)
    booking = BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    booking_reschedule(booking=booking, start=at(3, 10, 30), now=NOW)
    booking.refresh_from_db()
    assert booking.start == at(3, 10, 30)


def test_client_cancellation_frees_the_time_and_cancels_pending_reminders():
    _, session_type = bookable()
    booking = BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    booking_cancel(booking=booking, now=NOW)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and not booking.block.active and booking.sequence == 1
    assert kinds(booking) == [
        "booking_cancelled",
        "booking_confirmed",
        "practitioner_booking",
        "practitioner_booking",
    ]
    with pytest.raises(InvalidState):
        booking_cancel(booking=booking, now=NOW)


def test_after_the_cutoff_the_client_can_not_change_but_staff_can():
    _, session_type = bookable(cancellation_cutoff_hours=24)
    booking = BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    late = at(2, 11)  # 23 hours before
    with pytest.raises(OutsidePolicy):
        booking_cancel(booking=booking, now=late)
    with pytest.raises(OutsidePolicy):
        booking_reschedule(booking=booking, start=at(4, 10), now=late)
    booking_cancel(booking=booking, by_user=StaffFactory(), now=late)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.changes.last().by_user is not None


def test_a_booking_made_after_its_reminder_time_gets_no_reminder():
    _, session_type = bookable(reminder_lead_hours=24)
    booking = BookingFactory(
        session_type=session_type, start=NOW + dt.timedelta(hours=3), online=True, now=NOW
    )
    assert "booking_reminder" not in kinds(booking)
    assert "booking_checkin" in kinds(booking)


def test_staff_may_book_on_short_notice_when_they_choose_to():
    _, session_type = bookable(min_notice_hours=48)
    with pytest.raises(OutsideAvailability):
        BookingFactory(session_type=session_type, start=at(1, 14), online=True, now=NOW)
    booking = BookingFactory(
        session_type=session_type,
        start=at(1, 14),
        ignore_notice=True,
        created_by=StaffFactory(),
        online=True,
        now=NOW,
    )
    assert booking.created_by is not None


def test_marking_completed_or_no_show():
    _, session_type = bookable()
    booking = BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    staff = StaffFactory()
    booking_mark(booking=booking, status=Booking.Status.NO_SHOW, by_user=staff)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.NO_SHOW
    assert "booking_checkin" not in kinds(booking)


def test_calendar_file_round_trips_with_stable_uid_and_rising_sequence():
    _, session_type = bookable()
    booking = BookingFactory(session_type=session_type, start=at(3, 10), online=True, now=NOW)
    first = Calendar.from_ical(booking_ics(booking))
    event = first.walk("VEVENT")[0]
    assert first["METHOD"] == "REQUEST"
    assert str(event["UID"]) == booking_uid(booking)
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == at(3, 10)
    assert event.decoded("DTEND") == at(3, 11)
    assert booking.meeting_url in str(event["LOCATION"])

    booking_reschedule(booking=booking, start=at(5, 9), now=NOW)
    booking.refresh_from_db()
    moved = Calendar.from_ical(booking_ics(booking)).walk("VEVENT")[0]
    assert str(moved["UID"]) == booking_uid(booking) and moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART") == at(5, 9)

    booking_cancel(booking=booking, now=NOW)
    booking.refresh_from_db()
    cancel = Calendar.from_ical(booking_ics(booking, method="CANCEL"))
    assert cancel["METHOD"] == "CANCEL"
    assert cancel.walk("VEVENT")[0]["STATUS"] == "CANCELLED" and cancel.walk("VEVENT")[0]["SEQUENCE"] == 2


def test_a_holiday_is_not_bookable_and_time_off_blocks_like_a_booking():
    practitioner, session_type = bookable()
    with time_machine.travel(dt.datetime(2027, 12, 1, tzinfo=dt.UTC), tick=False):
        slots = selectors.free_slots(session_type, dt.date(2027, 12, 6), dt.date(2027, 12, 6))
        assert slots == []  # Itsenäisyyspäivä
    block_reserve(practitioner=practitioner, start=at(3, 0), end=at(4, 0), kind="time_off")
    assert selectors.free_slots(session_type, dt.date(2027, 3, 3), dt.date(2027, 3, 3), now=NOW) == []


def test_free_slots_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    _, session_type = bookable()
    for day in range(2, 25):
        BookingFactory(session_type=session_type, start=at(day, 9), online=True, now=NOW)
    with django_assert_max_num_queries(4):
        slots = selectors.free_slots(session_type, dt.date(2027, 3, 1), dt.date(2027, 5, 29), now=NOW)
    assert len(slots) > 500


def test_the_reminder_keeps_the_wall_clock_across_a_clock_change():
    # Sunday 2027-10-31 10.00 (the autumn change night before): the reminder is Saturday 10.00 local.
    from core.time import wall_clock_before

    sunday = dt.datetime(2027, 10, 31, 10, tzinfo=HELSINKI)
    assert wall_clock_before(sunday, hours=24) == dt.datetime(2027, 10, 30, 10, tzinfo=HELSINKI)
    assert sunday - wall_clock_before(sunday, hours=24) == dt.timedelta(hours=25)
    spring = dt.datetime(2027, 3, 29, 3, 30, tzinfo=HELSINKI)  # 24 h before falls in the skipped hour
    assert wall_clock_before(spring, hours=24) == dt.datetime(2027, 3, 28, 4, 30, tzinfo=HELSINKI)
