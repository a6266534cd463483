"""People still waiting when registration closes are told, once each, in their language, lived
through with a moved clock: the deadline passing (the periodic task, run again and again), the
practitioner closing registration early, and the event being cancelled."""

import datetime as dt

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from events.actions.event import event_cancel, event_update
from events.actions.seats import seat_cancel
from events.actions.waitlist import offers_expire
from events.models import WaitlistEntry
from notifications.actions import messages_send_due
from notifications.models import Message
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory

pytestmark = pytest.mark.django_db
Status = WaitlistEntry.Status
NOW = dt.datetime(2027, 3, 22, 9, 0, tzinfo=dt.UTC)  # the deadline falls after the clocks go forward


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def closed_messages(entry) -> int:
    return Message.objects.filter(
        kind="waitlist_closed",
        target_type=ContentType.objects.get_for_model(entry),
        target_id=entry.pk,
    ).count()


def line(event):
    """Three people in line for a full event, in Finnish, Swedish and English."""
    return [
        WaitlistEntryFactory(event=event, name=name, email=f"{language}@example.fi", language=language)
        for name, language in (("Aino", "fi"), ("Bo", "sv"), ("Ann", "en"))
    ]


def sent_to(address: str):
    return [m for m in mail.outbox if m.to == [address]]


def test_the_deadline_passing_tells_each_person_waiting_once_in_their_language(clock):
    event = EventFactory(days=10, capacity=1, full=True)
    waiting = line(event)
    clock.move_to(event.registration_deadline - dt.timedelta(minutes=1))
    offers_expire()
    assert all(closed_messages(entry) == 0 for entry in waiting)  # still open: nobody is told
    clock.move_to(event.registration_deadline + dt.timedelta(minutes=3))
    offers_expire()
    clock.move_to(event.registration_deadline + dt.timedelta(minutes=8))
    offers_expire()  # the beat again: nobody is told twice
    assert [closed_messages(entry) for entry in waiting] == [1, 1, 1]
    assert {WaitlistEntry.objects.get(pk=e.pk).status for e in waiting} == {Status.CLOSED}
    mail.outbox.clear()
    messages_send_due(seconds=10)
    messages_send_due(seconds=10)
    (fi,), (sv,), (en,) = sent_to("fi@example.fi"), sent_to("sv@example.fi"), sent_to("en@example.fi")
    assert fi.subject.startswith("Ilmoittautuminen on päättynyt:") and "Hei Aino" in fi.body
    assert sv.subject.startswith("Anmälan har stängt:")
    assert en.subject.startswith("Registration has closed:")
    assert "no seats came free for you" in en.body and "/en/booking/events/" in en.body


def test_the_practitioner_closing_registration_early_tells_those_waiting_and_the_one_offered(clock):
    event = EventFactory(days=10, capacity=2)
    seat = SeatBookingFactory(event=event, seats=2)
    offered, waiting = (
        WaitlistEntryFactory(event=event, email="offered@example.fi"),
        WaitlistEntryFactory(event=event, email="waiting@example.fi", seats=2),
    )
    seat_cancel(seat_booking=seat, seats=1)  # one seat: offered to the first, the second needs two
    clock.move_to(NOW + dt.timedelta(hours=2))
    event_update(event=event, registration_deadline=NOW + dt.timedelta(hours=1))
    for entry in (offered, waiting):
        entry.refresh_from_db()
        assert entry.status == Status.CLOSED and closed_messages(entry) == 1
    offers_expire()
    assert closed_messages(offered) == closed_messages(waiting) == 1
    mail.outbox.clear()
    messages_send_due(seconds=10)
    assert len(sent_to("waiting@example.fi")) == 1
    assert [m.subject.split(":")[0] for m in sent_to("offered@example.fi")] == [
        "Ilmoittautuminen on päättynyt"
    ]


def test_a_cancelled_event_tells_those_waiting_that_it_was_cancelled(clock):
    event = EventFactory(days=10, capacity=1, full=True)
    (aino, bo, ann) = line(event)
    clock.move_to(NOW + dt.timedelta(days=2))
    event_cancel(event=event, reason="Sairastuminen")
    offers_expire()
    assert [closed_messages(entry) for entry in (aino, bo, ann)] == [1, 1, 1]
    mail.outbox.clear()
    messages_send_due(seconds=10)
    (sv,) = sent_to("sv@example.fi")
    assert sv.subject.startswith("Evenemanget är inställt:") and "är inställt, så din plats" in sv.body


def test_after_downtime_past_the_event_nobody_is_told_the_line_closed(clock):
    event = EventFactory(days=10, capacity=1, full=True)
    waiting = WaitlistEntryFactory(event=event, email="late@example.fi")
    clock.move_to(event.end + dt.timedelta(hours=1))  # the beat was down from before the deadline
    offers_expire()
    mail.outbox.clear()
    messages_send_due(seconds=10)
    assert closed_messages(waiting) == 1 and sent_to("late@example.fi") == []
