"""Every time-bound message has its own "too late" moment, checked when the send pass comes to
build it (after downtime, retries or a resend), not only when it is queued: too late means skipped,
not sent, and the message log says so and why."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from notifications.actions import messages_send_due
from notifications.models import Message
from tests.factories import BookingFactory, UserFactory, bookable
from tests.notifications.conftest import helsinki

pytestmark = pytest.mark.django_db
Status = Message.Status
DAY = dt.date(2027, 6, 10)  # a Thursday


def booked_for(clock, start: dt.datetime, *, last_pass: dt.datetime | None = None):
    """A booking made three days before `start`, with what was due at `last_pass` sent (by default
    the evening before, when the send pass also queued the agenda of the day)."""
    clock.move_to(start - dt.timedelta(days=3))
    practitioner, session_type = bookable()
    booking = BookingFactory(session_type=session_type, start=start, online=True, client_name="Aamu Asiakas")
    clock.move_to(last_pass or helsinki(start.year, start.month, start.day, 0) - dt.timedelta(hours=3))
    messages_send_due()
    mail.outbox.clear()
    return practitioner, booking


def agenda_of(day: dt.date) -> Message:
    return Message.objects.get(kind="practitioner_agenda", context__day=day.isoformat())


def sent_to(address: str) -> list[str]:
    return [m.subject for m in mail.outbox if m.to == [address]]


@pytest.mark.parametrize(
    ("built_at", "sent"),
    [
        (helsinki(2027, 6, 10, 11, 59), True),
        (helsinki(2027, 6, 10, 12, 1), False),  # the sender was down all morning
        (helsinki(2027, 6, 11, 7, 30), False),  # a day late
        (helsinki(2027, 10, 25, 7, 0), False),  # months late ("Päiväsi to 10.6.2027" on 25.10.)
    ],
)
def test_an_agenda_is_sent_on_its_day_before_noon_and_skipped_after(clock, built_at, sent):
    practitioner, _booking = booked_for(clock, helsinki(2027, 6, 10, 14))
    assert agenda_of(DAY).due_at == helsinki(2027, 6, 10, 7)  # queued in the evening before
    clock.move_to(built_at)
    messages_send_due()
    agenda = agenda_of(DAY)
    assert [s for s in sent_to(practitioner.email) if "10.6.2027" in s] == (
        ["Päiväsi to 10.6.2027: 1 varaus"] if sent else []
    )
    assert agenda.status == (Status.SENT if sent else Status.SKIPPED)
    if not sent:
        assert agenda.last_error == "too late: worth sending until 2027-06-10T12:00+03:00"
        assert agenda.sent_at is None and agenda.subject == ""


def test_a_session_check_in_more_than_three_days_late_is_skipped(clock):
    _practitioner, booking = booked_for(clock, helsinki(2027, 6, 10, 14))
    clock.move_to(booking.end + dt.timedelta(days=3, minutes=1))
    messages_send_due()
    checkin = Message.objects.get(kind="booking_checkin")
    assert sent_to(booking.email) == []
    assert (checkin.status, checkin.last_error) == (
        Status.SKIPPED,
        "too late: worth sending until 2027-06-13T15:00+03:00",
    )


def test_a_session_check_in_a_day_late_is_still_sent(clock):
    _practitioner, booking = booked_for(clock, helsinki(2027, 6, 10, 14))
    clock.move_to(booking.end + dt.timedelta(days=1))
    messages_send_due()
    assert Message.objects.get(kind="booking_checkin").status == Status.SENT
    assert len(sent_to(booking.email)) == 1


def test_a_reminder_built_after_the_session_began_is_skipped(clock):
    _practitioner, booking = booked_for(clock, helsinki(2027, 6, 10, 14), last_pass=helsinki(2027, 6, 9, 13))
    clock.move_to(booking.start + dt.timedelta(minutes=1))  # the reminder was due 24 h earlier
    messages_send_due()
    reminder = Message.objects.get(kind="booking_reminder")
    assert sent_to(booking.email) == []
    assert (reminder.status, reminder.last_error) == (
        Status.SKIPPED,
        "too late: worth sending until 2027-06-10T14:00+03:00",
    )


def test_the_message_log_shows_a_skipped_message_and_why(clock, client):
    booked_for(clock, helsinki(2027, 6, 10, 14))
    clock.move_to(helsinki(2027, 6, 10, 12, 1))
    messages_send_due()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    log = reverse("admin:notifications_message_changelist")
    page = client.get(log, {"status": "skipped"}).content.decode()
    assert "ohitettu: liian myöhään" in page
    assert "too late: worth sending until 2027-06-10T12:00+03:00" in page


def test_a_seat_reminder_built_after_the_event_began_is_skipped(clock):
    from events.actions.seats import seat_book
    from tests.events.factories import EventFactory

    event = EventFactory(days=3, hour=18)  # Thursday 4.3. at 18.00; its reminder is due 24 h before
    seat_book(event=event, name="Iida Istuja", email="iida@example.fi", seats=1)
    messages_send_due()
    clock.move_to(event.start + dt.timedelta(minutes=5))
    mail.outbox.clear()
    messages_send_due()
    reminder = Message.objects.get(kind="seat_reminder")
    assert sent_to("iida@example.fi") == []
    assert reminder.status == Status.SKIPPED and reminder.last_error.startswith(
        "too late: worth sending until"
    )


def test_a_mediation_meeting_invitation_built_after_the_meeting_began_is_skipped(clock):
    from mediation.actions.scheduling import meeting_book, meeting_create, meeting_propose_times
    from tests.mediation.conftest import prepare
    from tests.mediation.factories import MediationCaseFactory, PartyFactory

    practitioner, _session_type = bookable()
    case = MediationCaseFactory(mediator=practitioner)
    parties = [
        PartyFactory(case=case, email="aino@example.fi"),
        PartyFactory(case=case, email="ben@example.fi"),
    ]
    prepare(case, parties)
    meeting = meeting_create(case=case, kind="joint", parties=parties, duration_minutes=120, place="Kamppi")
    [proposal] = meeting_propose_times(meeting=meeting, starts=[helsinki(2027, 3, 1, 13)])
    meeting_book(meeting=meeting, proposal=proposal)  # the send pass is down until 13.30
    clock.move_to(helsinki(2027, 3, 1, 13, 30))
    messages_send_due()
    invitations = Message.objects.filter(kind="mediation_meeting")
    assert invitations.count() == 3  # both parties and the mediator
    assert set(invitations.values_list("status", flat=True)) == {Status.SKIPPED}
    assert not [
        m for m in mail.outbox if "Sovittelutapaaminen" in m.subject or "Mediation meeting" in m.subject
    ]
