"""Every booking message kind, rendered by a real send pass in fi/sv/en: text and HTML, absolute
links in the recipient's language, no remote images, calendar files parsed back."""

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from bookings.actions.booking import booking_decline
from bookings.actions.change import booking_cancel, booking_reschedule
from bookings.ics import booking_uid
from bookings.models import Booking, SessionType
from notifications.actions import messages_send_due
from notifications.models import Message
from tests.events.factories import EventFactory, SeatBookingFactory, group_type
from tests.factories import BookingFactory, LocationFactory, StaffFactory, bookable
from tests.notifications.conftest import fixed_start, helsinki, translated
from tests.support.outbox import due_confirmations

pytestmark = pytest.mark.django_db

START = helsinki(2027, 3, 3, 10)  # Wednesday 10.00
LANGUAGES = ["fi", "sv", "en"]
# The date as core.formats writes it in each language (the `when` filter).
WHEN = {
    "fi": "ke 3.3.2027 klo 10.00–11.00",
    "sv": "ons 3.3.2027 kl. 10.00–11.00",
    "en": "Wed 3 Mar 2027, 10:00–11:00",
}
# The subjects' msgids (bookings/messages.py): the tests take the wording from the catalogue
# and check that Finnish and Swedish have one.
SUBJECT = {
    "booking_requested": "Booking request received: %(service)s, %(when)s",
    "booking_confirmed": "Booking confirmed: %(service)s, %(when)s",
    "booking_declined": "Your booking request could not be confirmed: %(when)s",
    "booking_rescheduled": "Booking moved to %(when)s: %(service)s",
    "booking_cancelled": "Booking cancelled: %(service)s, %(when)s",
    "booking_reminder": "Reminder: %(service)s, %(when)s",
    "booking_checkin": "How was your session? %(service)s, %(date)s",
}
PRACTITIONER_SUBJECT = {
    "created": "New booking: %(client)s, %(when)s",
    "requested": "New booking request: %(client)s, %(when)s",
    "rescheduled": "Booking moved: %(client)s, %(when)s",
    "cancelled": "Booking cancelled: %(client)s, %(when)s",
}
FOOTER = {"fi": "Kysyttävää? Vastaa", "sv": "Frågor? Svara", "en": "Questions? Reply"}  # notifications'


ICS_METHOD = {
    "booking_requested": "REQUEST",
    "booking_confirmed": "REQUEST",
    "booking_rescheduled": "REQUEST",
    "booking_cancelled": "CANCEL",
    "booking_declined": "CANCEL",
}


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "http://testserver"


def prefix(language: str) -> str:
    """Where the booking pages live in a language: every link to them starts so."""
    with translation.override(language):
        return "http://testserver" + reverse("bookings:start")


def sent_email(kind: str, booking: Booking):
    """Runs a send pass and returns the email of `kind` about the booking (there must be one)."""
    messages_send_due()
    row = Message.objects.get(
        kind=kind,
        target_type=ContentType.objects.get_for_model(Booking),
        target_id=booking.pk,
        status=Message.Status.SENT,
    )
    found = [m for m in mail.outbox if m.extra_headers["Message-ID"] == row.message_id]
    assert len(found) == 1, f"{kind}: {len(found)} emails with the row's Message-ID"
    return found[0]


def in_state(kind: str, language: str, clock) -> Booking:
    """A booking whose `kind` message is due now (the clock moved where needed)."""
    staff = StaffFactory()
    if kind in ("booking_requested", "booking_declined"):
        _, session_type = bookable(booking_mode=SessionType.BookingMode.REQUEST)
    else:
        _, session_type = bookable()
    booking = BookingFactory(session_type=session_type, start=START, language=language, online=True)
    if kind == "booking_declined":
        booking_decline(booking=booking, by_user=staff, reason="Olen silloin koulutuksessa.")
    elif kind == "booking_rescheduled":
        booking_reschedule(booking=booking, start=START + dt.timedelta(days=1))
    elif kind == "booking_cancelled":
        booking_cancel(booking=booking, reason="flu")
    elif kind == "booking_reminder":
        clock.move_to(START - dt.timedelta(hours=24))
    elif kind == "booking_checkin":
        clock.move_to(START + dt.timedelta(hours=3))
    booking.refresh_from_db()
    return booking


def check_common(email, language: str, booking: Booking) -> tuple[str, str]:
    """What every client email has: subject, text and HTML in the language, absolute links only."""
    html = {mimetype: content for content, mimetype in email.alternatives}["text/html"]
    assert email.subject and "\n" not in email.subject
    assert email.to == [booking.email]
    assert email.extra_headers["Content-Language"] == language
    assert f'<html lang="{language}">' in html
    assert "<img" not in html and "url(" not in html
    for link in re.findall(r'href="([^"]+)"', html):
        assert link.startswith(("http://testserver", "mailto:", "https://meet.")), link
    for link in re.findall(r"http://testserver\S*", email.body):
        assert link == "http://testserver/" or link.startswith(prefix(language)) or "/admin/" in link, link
    assert "{%" not in email.body and "{{" not in email.body and "{{" not in html
    return email.body, html


def calendar_of(email) -> Calendar:
    parts = [a for a in email.attachments if not isinstance(a, tuple)]
    assert len(parts) == 1, "one calendar file"
    part = parts[0]
    assert part.get_content_type() == "text/calendar"
    assert part.get_filename() == "booking.ics"
    calendar = Calendar.from_ical(part.get_content())
    assert part.get_param("method") == str(calendar["METHOD"])
    return calendar


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "kind",
    [
        "booking_requested",
        "booking_confirmed",
        "booking_declined",
        "booking_rescheduled",
        "booking_cancelled",
        "booking_reminder",
        "booking_checkin",
    ],
)
def test_every_client_message_renders_in_the_clients_language(kind, language, clock):
    booking = in_state(kind, language, clock)
    email = sent_email(kind, booking)
    text, html = check_common(email, language, booking)
    when = WHEN[language] if kind != "booking_rescheduled" else WHEN[language].replace("3.3.", "4.3.")
    if kind == "booking_rescheduled":
        when = {"fi": "to 4.3.2027 klo 10.00–11.00", "sv": "tors 4.3.2027 kl. 10.00–11.00"}.get(
            language, "Thu 4 Mar 2027, 10:00–11:00"
        )
    if kind != "booking_checkin":
        assert when in text and when in html
    assert email.subject.startswith(fixed_start(SUBJECT[kind], language))
    hello = translated("Hello %(name)s,", language) % {"name": "Maija Meikäläinen"}
    assert hello in text and hello in html
    assert FOOTER[language] in text and FOOTER[language] in html
    if kind in ICS_METHOD:
        calendar = calendar_of(email)
        event = calendar.walk("VEVENT")[0]
        assert str(calendar["METHOD"]) == ICS_METHOD[kind]
        assert str(event["UID"]) == booking_uid(booking)
        assert int(event["SEQUENCE"]) == booking.sequence
        assert event.decoded("DTSTART") == booking.start
    else:
        assert not email.attachments
    if kind in ("booking_requested", "booking_confirmed", "booking_rescheduled", "booking_reminder"):
        assert re.search(prefix(language) + r"\S+/", text), "the personal self-service link"
    if kind == "booking_checkin":
        assert re.search(prefix(language) + r"\S+", text), "the personal check-in link"


def test_declined_message_carries_the_practitioners_reason(clock):
    booking = in_state("booking_declined", "fi", clock)
    email = sent_email("booking_declined", booking)
    assert "Olen silloin koulutuksessa." in email.body


def test_rescheduled_message_tells_the_old_time(clock):
    booking = in_state("booking_rescheduled", "en", clock)
    email = sent_email("booking_rescheduled", booking)
    assert "It was Wed 3 Mar 2027, 10:00" in email.body


def test_confirmed_message_of_an_in_person_booking_tells_the_place_and_the_way(clock):
    practitioner, session_type = bookable()
    session_type.location = LocationFactory(practitioner=practitioner, directions="Ovikoodi 1234, 2. krs")
    session_type.save()
    booking = BookingFactory(session_type=session_type, start=START, modality="in_person")
    email = sent_email("booking_confirmed", booking)
    assert "Mannerheimintie 1, 00100 Helsinki" in email.body
    assert "Ovikoodi 1234, 2. krs" in email.body


def test_personal_link_in_a_confirmation_opens_the_booking(clock, client):
    _, session_type = bookable()
    booking = BookingFactory(session_type=session_type, start=START, language="en", online=True)
    email = sent_email("booking_confirmed", booking)
    url = re.search(r"http://testserver(/en/\S+/)", email.body)[1]
    response = client.get(url)
    assert response.status_code == 200
    assert "Maija" in response.content.decode() or booking.session_type.name in response.content.decode()


def test_a_token_passed_by_the_action_is_used_and_not_kept_after_sending(clock):
    _, session_type = bookable()
    booking = BookingFactory(session_type=session_type, start=START, online=True)
    row = Message.objects.get(kind="booking_confirmed", target_id=booking.pk)
    row.context = {"manage_token": booking.token}
    row.save()
    email = sent_email("booking_confirmed", booking)
    assert booking.token in email.body
    row.refresh_from_db()
    assert row.context == {}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("what", ["created", "requested", "rescheduled", "cancelled"])
def test_practitioner_hears_of_each_change_in_their_language_with_a_link_to_admin(what, language, clock):
    practitioner, session_type = bookable(
        booking_mode=SessionType.BookingMode.REQUEST
        if what == "requested"
        else SessionType.BookingMode.INSTANT
    )
    practitioner.language = language
    practitioner.save()
    booking = BookingFactory(session_type=session_type, start=START, client_name="Kalle Asiakas", online=True)
    if what == "rescheduled":
        booking_reschedule(booking=booking, start=START + dt.timedelta(days=1))
    elif what == "cancelled":
        booking_cancel(booking=booking)
    messages_send_due()
    row = Message.objects.get(kind="practitioner_booking", target_id=booking.pk, context__what=what)
    email = next(m for m in mail.outbox if m.extra_headers["Message-ID"] == row.message_id)
    html = email.alternatives[0].content
    assert email.to == [practitioner.email]
    assert email.reply_to == ["maija@example.fi"]
    assert "Kalle Asiakas" in email.subject and "Kalle Asiakas" in email.body
    assert f"http://testserver/admin/bookings/booking/{booking.pk}/change/" in email.body
    assert f'<html lang="{language}">' in html
    assert "<img" not in html
    assert email.subject.startswith(fixed_start(PRACTITIONER_SUBJECT[what], language))


def test_news_of_a_session_that_has_already_ended_is_not_sent_to_the_practitioner(clock):
    _practitioner, session_type = bookable()
    booking = BookingFactory(session_type=session_type, start=START, client_name="Kalle Asiakas", online=True)
    clock.move_to(booking.end + dt.timedelta(minutes=1))  # the notice waited until the session was over
    messages_send_due()
    row = Message.objects.get(kind="practitioner_booking", target_id=booking.pk)
    assert row.status == Message.Status.CANCELLED
    assert not [m for m in mail.outbox if m.extra_headers["Message-ID"] == row.message_id]


def test_a_pass_takes_a_fixed_number_of_queries_per_message(django_assert_max_num_queries):
    # Per confirmation: the booking with its joins, its history (was it a request?), the new
    # personal link, the mark as sent. Claims, targets and producers are per batch.
    due_confirmations(5)
    messages_send_due()  # the first pass of a process builds the URL resolvers
    due_confirmations(30)
    with django_assert_max_num_queries(4 * 30 + 15):
        assert messages_send_due(batch_size=50).sent == 30


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_daily_agenda_renders_in_the_practitioners_language(language, clock):
    practitioner, session_type = bookable()
    practitioner.language = language
    practitioner.save()
    BookingFactory(session_type=session_type, start=START, client_name="Aamu Asiakas", online=True)
    BookingFactory(
        session_type=session_type,
        start=START + dt.timedelta(hours=3),
        client_name="Iltapäivä Asiakas",
        online=True,
    )
    messages_send_due()  # the news of the two bookings
    mail.outbox.clear()
    clock.move_to(helsinki(2027, 3, 3, 7))
    messages_send_due()
    (agenda,) = [m for m in mail.outbox if m.to == [practitioner.email]]
    html = agenda.alternatives[0].content
    day = {"fi": "ke 3.3.2027", "sv": "ons 3.3.2027", "en": "Wed 3 Mar 2027"}[language]
    subject = translated(
        "Your day %(date)s: %(count)d booking", language, "Your day %(date)s: %(count)d bookings", 2
    )
    assert agenda.subject == subject % {"date": day, "count": 2}
    assert f'<html lang="{language}">' in html and "<img" not in html
    for text in (agenda.body, html):
        assert text.index("Aamu Asiakas") < text.index("Iltapäivä Asiakas")
        assert "http://testserver/admin/bookings/booking/" in text
    assert ("10.00–11.00" if language != "en" else "10:00–11:00") in agenda.body


def test_the_agenda_lists_bookings_and_events_in_order_with_the_seats_taken(clock):
    practitioner, session_type = bookable()
    practitioner.language = "en"
    practitioner.save()
    event = EventFactory(
        days=2, hour=9, capacity=4, session_type=group_type(practitioner), title_en="Sound evening"
    )
    SeatBookingFactory(event=event, name="Sanna Seat", email="sanna@example.fi", seats=2)
    BookingFactory(session_type=session_type, start=START, client_name="Aamu Asiakas", online=True)
    messages_send_due()
    mail.outbox.clear()
    clock.move_to(helsinki(2027, 3, 3, 7))
    messages_send_due()
    (agenda,) = [m for m in mail.outbox if m.to == [practitioner.email]]
    assert agenda.subject == "Your day Wed 3 Mar 2027: bookings and events"
    body = agenda.body
    assert body.index("09:00–10:00 Event: Sound evening") < body.index("10:00–11:00")
    assert "Seats booked: 2 of 4" in body and "Seats booked: 2 of 4" in agenda.alternatives[0].content
    assert f"http://testserver/admin/events/event/{event.pk}/change/" in body


def test_a_day_with_only_an_event_gets_an_agenda_too(clock):
    practitioner, _session_type = bookable()
    practitioner.language = "en"
    practitioner.save()
    EventFactory(days=2, hour=18, session_type=group_type(practitioner))
    clock.move_to(helsinki(2027, 3, 3, 7))
    messages_send_due()
    (agenda,) = [m for m in mail.outbox if m.to == [practitioner.email]]
    assert agenda.subject == "Your day Wed 3 Mar 2027: 1 event"
