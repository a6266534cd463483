"""The factories make their rows through the real actions: a booking has its calendar block, history,
outbox messages and personal link, and each trait leaves the state the actions leave."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from bookings.models import Booking, CalendarBlock
from events.models import Event, SeatBooking, WaitlistEntry
from events.selectors import seats_taken
from notifications.models import Message
from privacy.links import link_resolve
from series.models import Series
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory
from tests.factories import BookingFactory, MessageFactory, bookable
from tests.series.factories import SeriesFactory

pytestmark = pytest.mark.django_db


def kinds(obj) -> list[str]:
    mine = Message.objects.filter(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk)
    return sorted(mine.values_list("kind", flat=True))


def test_a_booking_takes_its_block_and_queues_its_messages_through_the_action():
    booking = BookingFactory()
    assert booking.status == Booking.Status.CONFIRMED and booking.modality == "in_person"
    assert booking.block.kind == CalendarBlock.Kind.BOOKING and booking.block.active
    assert (booking.block.start, booking.block.end) == (booking.start, booking.end)
    assert booking.changes.get().action == "created"
    assert kinds(booking) == [
        "booking_checkin",
        "booking_confirmed",
        "booking_reminder",
        "practitioner_booking",
    ]
    assert link_resolve(booking.token, purpose="booking", model=Booking) == booking


@pytest.mark.parametrize(
    ("traits", "status", "block_kind", "active"),
    [
        ({"requested": True}, Booking.Status.REQUESTED, CalendarBlock.Kind.HOLD, True),
        ({"requested": True, "confirmed": True}, Booking.Status.CONFIRMED, CalendarBlock.Kind.BOOKING, True),
        ({"cancelled": True}, Booking.Status.CANCELLED, CalendarBlock.Kind.BOOKING, False),
        ({"requested": True, "cancelled": True}, Booking.Status.CANCELLED, CalendarBlock.Kind.HOLD, False),
        ({"completed": True}, Booking.Status.COMPLETED, CalendarBlock.Kind.BOOKING, True),
    ],
)
def test_the_status_traits_run_the_practitioners_actions(traits, status, block_kind, active):
    booking = BookingFactory(**traits)
    booking.refresh_from_db()
    assert booking.status == status
    assert (booking.block.kind, booking.block.active) == (block_kind, active)
    last_change = booking.changes.order_by("pk").last()
    assert last_change.by_user == (None if status == Booking.Status.REQUESTED else booking.practitioner.user)


def test_online_and_organisation_shape_the_client():
    booking = BookingFactory(online=True, organisation=True)
    assert booking.modality == "online" and booking.meeting_url.startswith("https://")
    assert (booking.organisation_name, booking.business_id) == ("Esimerkki Oy", "0112038-9")
    assert BookingFactory().organisation_name == ""


def test_a_status_the_session_type_cannot_give_is_refused():
    _practitioner, instant = bookable()
    with pytest.raises(ValueError, match="request mode"):
        BookingFactory(session_type=instant, requested=True)


def test_an_event_takes_its_block_and_a_full_one_has_every_seat_sold():
    event = EventFactory(capacity=6, full=True)
    assert event.block.kind == CalendarBlock.Kind.EVENT and event.block.active
    assert seats_taken(event, timezone.now()) == 6 and event.seat_bookings.count() == 2  # at most 4 a booking
    assert EventFactory(draft=True, online=True).status == Event.Status.DRAFT
    assert seats_taken(EventFactory(seats_taken=3), timezone.now()) == 3


def test_seats_and_their_cancellation_go_through_the_actions():
    seat = SeatBookingFactory(seats=2)
    assert seat.status == SeatBooking.Status.CONFIRMED and kinds(seat) == ["seat_confirmed", "seat_reminder"]
    assert link_resolve(seat.token, purpose="event_seats", model=SeatBooking) == seat
    cancelled = SeatBookingFactory(event=seat.event, cancelled=True)
    assert cancelled.status == SeatBooking.Status.CANCELLED
    assert seats_taken(seat.event, timezone.now()) == 2


def test_a_waitlist_place_is_for_a_full_event_and_can_be_left():
    entry = WaitlistEntryFactory()
    assert entry.status == WaitlistEntry.Status.WAITING
    assert seats_taken(entry.event, timezone.now()) == entry.event.capacity
    assert WaitlistEntryFactory(event=entry.event, left=True).status == WaitlistEntry.Status.LEFT


def test_a_series_is_booked_whole_and_a_requested_one_is_held_until_confirmed():
    series = SeriesFactory()
    assert Series.objects.get() == series and series.cadence == "2w"
    assert set(series.sessions.values_list("booking__status", flat=True)) == {"confirmed"}
    assert series.sessions.count() == 4 and series.agreement.organisation_name == "Esimerkkikunta"
    held = SeriesFactory(requested=True, count=2)
    assert set(held.sessions.values_list("booking__status", flat=True)) == {"requested"}
    confirmed = SeriesFactory(confirmed=True, count=2)
    assert set(confirmed.sessions.values_list("booking__status", flat=True)) == {"confirmed"}
    assert set(confirmed.sessions.values_list("booking__block__kind", flat=True)) == {"booking"}
    confirmation = confirmed.sessions.first().booking.changes.order_by("pk").last()
    assert (confirmation.action, confirmation.by_user) == ("confirmed", confirmed.practitioner.user)


def test_a_message_is_queued_once_and_its_traits_set_the_status():
    message = MessageFactory()
    assert (message.kind, message.status, message.recipient) == ("test_note", "pending", message.target.email)
    assert message.due_at <= timezone.now()
    assert MessageFactory(target=message.target) == message  # the same key: queued once
    assert MessageFactory(sent=True).status == Message.Status.SENT
    assert MessageFactory(failed=True).status == Message.Status.FAILED
