"""When reminders, check-ins and the daily agenda go out, with the clock moved across the
daylight-saving changes of 2027 (28 March and 31 October): the wall clock in Helsinki rules."""

import datetime as dt

import pytest
from django.core import mail

from bookings.actions.change import booking_cancel, booking_reschedule
from bookings.models import DateException, SessionType
from notifications.actions import messages_send_due
from notifications.models import Message
from tests.factories import BookingFactory, bookable
from tests.notifications.conftest import helsinki, translated

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def sent_kinds() -> list[str]:
    """Kinds of the messages a send pass sends now, but the practitioner's daily agenda (tested
    below), which arrives on the morning of every day with bookings."""
    messages_send_due()
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    mail.outbox.clear()
    sent = Message.objects.filter(status="sent").exclude(kind="practitioner_agenda")
    return sorted(m.kind for m in sent if m.message_id in ids)


def open_on(practitioner, day: dt.date) -> None:
    """Opens a public holiday (Easter Monday 29.3.2027) by an exception, as a practitioner would."""
    DateException.objects.create(
        practitioner=practitioner, date=day, kind="open", start_time=dt.time(8), end_time=dt.time(18)
    )


@pytest.mark.parametrize(
    ("made", "start", "reminder_utc", "checkin_utc", "when"),
    [
        # Made on Friday in winter time; the reminder falls on Sunday, hours after the clocks
        # went forward (EEST, UTC+3); the session and its check-in are on Monday.
        (
            helsinki(2027, 3, 26, 12),
            helsinki(2027, 3, 29, 10),
            dt.datetime(2027, 3, 28, 7, 0, tzinfo=UTC),
            dt.datetime(2027, 3, 29, 10, 0, tzinfo=UTC),
            "ma 29.3.2027 klo 10.00–11.00",
        ),
        # Made in summer time; the clocks go back on Sunday (EET, UTC+2).
        (
            helsinki(2027, 10, 29, 12),
            helsinki(2027, 11, 1, 10),
            dt.datetime(2027, 10, 31, 8, 0, tzinfo=UTC),
            dt.datetime(2027, 11, 1, 11, 0, tzinfo=UTC),
            "ma 1.11.2027 klo 10.00–11.00",
        ),
    ],
)
def test_reminder_and_checkin_go_at_their_wall_clock_times_across_a_daylight_saving_change(
    clock, made, start, reminder_utc, checkin_utc, when
):
    clock.move_to(made)
    practitioner, session_type = bookable()
    open_on(practitioner, start.date())
    BookingFactory(session_type=session_type, start=start, online=True)
    assert sent_kinds() == ["booking_confirmed", "practitioner_booking"]

    clock.move_to(reminder_utc - dt.timedelta(seconds=1))
    assert sent_kinds() == []
    clock.move_to(reminder_utc)
    messages_send_due()
    (reminder,) = mail.outbox
    assert when in reminder.body
    mail.outbox.clear()

    clock.move_to(checkin_utc - dt.timedelta(seconds=1))
    assert sent_kinds() == []
    clock.move_to(checkin_utc)
    assert sent_kinds() == ["booking_checkin"]
    clock.move_to(checkin_utc + dt.timedelta(days=3))
    assert sent_kinds() == []


def test_a_cancelled_booking_gets_no_reminder_and_no_checkin(clock):
    _, session_type = bookable()
    start = helsinki(2027, 3, 10, 10)
    booking = BookingFactory(session_type=session_type, start=start, online=True)
    sent_kinds()
    booking_cancel(booking=booking)
    assert sent_kinds() == ["booking_cancelled", "practitioner_booking"]
    clock.move_to(start + dt.timedelta(days=1))
    assert sent_kinds() == []


def test_a_booking_made_after_its_reminder_time_gets_no_reminder_but_a_checkin(clock):
    _, session_type = bookable()
    start = helsinki(2027, 3, 1, 16)  # six hours from now: the 24-hour reminder time has passed
    BookingFactory(session_type=session_type, start=start, online=True)
    assert sent_kinds() == ["booking_confirmed", "practitioner_booking"]
    clock.move_to(start + dt.timedelta(hours=3))
    assert sent_kinds() == ["booking_checkin"]


def test_a_reminder_whose_booking_was_cancelled_meanwhile_is_dropped_at_send_time(clock):
    _, session_type = bookable()
    start = helsinki(2027, 3, 10, 10)
    booking = BookingFactory(session_type=session_type, start=start, online=True)
    sent_kinds()
    # Cancelled behind the outbox's back (no message_cancel): the builder itself refuses.
    type(booking).objects.filter(pk=booking.pk).update(status="cancelled")
    clock.move_to(start - dt.timedelta(hours=24))
    assert sent_kinds() == []
    assert Message.objects.get(kind="booking_reminder").status == Message.Status.CANCELLED


def test_a_reschedule_replaces_the_reminder_and_the_checkin(clock):
    _, session_type = bookable()
    old_start = helsinki(2027, 3, 10, 10)
    new_start = helsinki(2027, 3, 12, 14)
    booking = BookingFactory(session_type=session_type, start=old_start, online=True)
    sent_kinds()
    booking_reschedule(booking=booking, start=new_start)
    assert sent_kinds() == ["booking_rescheduled", "practitioner_booking"]
    clock.move_to(old_start + dt.timedelta(hours=3))
    assert sent_kinds() == []
    clock.move_to(new_start - dt.timedelta(hours=24))
    messages_send_due()
    (reminder,) = [m for m in mail.outbox if m.to == [booking.email]]
    assert "pe 12.3.2027 klo 14.00–15.00" in reminder.body
    mail.outbox.clear()
    clock.move_to(new_start + dt.timedelta(hours=3))
    assert sent_kinds() == ["booking_checkin"]


def test_the_reminder_lead_time_is_the_session_types(clock):
    _, session_type = bookable(reminder_lead_hours=48)
    start = helsinki(2027, 3, 10, 10)
    BookingFactory(session_type=session_type, start=start, online=True)
    sent_kinds()
    clock.move_to(start - dt.timedelta(hours=48))
    assert sent_kinds() == ["booking_reminder"]


# --- the practitioner's daily agenda ----------------------------------------------------------


@pytest.mark.parametrize(
    ("evening_before", "day", "due_utc"),
    [
        (helsinki(2027, 3, 28, 18), dt.date(2027, 3, 29), dt.datetime(2027, 3, 29, 4, 0, tzinfo=UTC)),
        (helsinki(2027, 10, 31, 18), dt.date(2027, 11, 1), dt.datetime(2027, 11, 1, 5, 0, tzinfo=UTC)),
    ],
)
def test_the_agenda_arrives_at_seven_helsinki_time_after_a_daylight_saving_change(
    clock, evening_before, day, due_utc
):
    clock.move_to(evening_before - dt.timedelta(days=3))
    practitioner, session_type = bookable(booking_mode=SessionType.BookingMode.REQUEST)
    open_on(practitioner, day)
    BookingFactory(
        session_type=session_type,
        start=helsinki(day.year, day.month, day.day, 9),
        client_name="Aamu Asiakas",
        online=True,
    )
    sent_kinds()
    clock.move_to(evening_before)
    assert sent_kinds() == []
    assert Message.objects.filter(kind="practitioner_agenda", due_at=due_utc).count() == 1
    clock.move_to(due_utc - dt.timedelta(seconds=1))
    assert sent_kinds() == []
    clock.move_to(due_utc)
    messages_send_due()
    (agenda,) = [m for m in mail.outbox if m.to == [practitioner.email]]
    assert "Aamu Asiakas" in agenda.body and "09.00–10.00" in agenda.body
    assert translated("request waiting for your confirmation", "fi") in agenda.body
    assert "/admin/bookings/booking/" in agenda.body


def test_agenda_rows_are_queued_once_per_practitioner_and_day(clock):
    practitioner, _session_type = bookable()
    for _minute in range(3):
        messages_send_due()
        clock.shift(dt.timedelta(minutes=1))
    agendas = Message.objects.filter(kind="practitioner_agenda")
    # Monday 10.03: today's (before noon) and tomorrow's.
    assert sorted(m.context["day"] for m in agendas) == ["2027-03-01", "2027-03-02"]
    assert all(m.recipient == practitioner.email for m in agendas)


def test_no_agenda_for_a_day_without_bookings_nor_for_today_after_noon(clock):
    bookable()
    clock.move_to(helsinki(2027, 3, 1, 12, 30))
    messages_send_due()
    assert list(Message.objects.filter(kind="practitioner_agenda").values_list("context", flat=True)) == [
        {"day": "2027-03-02"}
    ]
    clock.move_to(helsinki(2027, 3, 2, 7))
    assert sent_kinds() == []
    assert Message.objects.get(context__day="2027-03-02").status == Message.Status.CANCELLED


def test_an_inactive_practitioner_gets_no_agenda(clock):
    practitioner, _session_type = bookable()
    practitioner.is_active = False
    practitioner.save()
    messages_send_due()
    assert not Message.objects.filter(kind="practitioner_agenda").exists()
