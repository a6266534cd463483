"""Events with seats and a waitlist: seats never oversold, the waitlist hands freed seats on by
itself (offers that expire with the clock), health self-declarations encrypted and purged."""

import datetime as dt

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.utils import timezone

from bookings.exceptions import InvalidState, OutsidePolicy, SlotTaken
from bookings.models import CalendarBlock
from events.actions.event import event_cancel, event_update
from events.actions.seats import seat_book, seat_cancel
from events.actions.settle import seats_taken
from events.actions.waitlist import offer_claim, offers_expire, waitlist_leave
from events.exceptions import OfferGone, RegistrationClosed, SeatsGone, TooManySeats, WaitlistNotNeeded
from events.kinds import EventLink
from events.models import SeatBooking, WaitlistEntry, health_answers
from notifications.actions import messages_send_due
from notifications.models import Message
from privacy.links import link_resolve
from tests.events.factories import EventFactory, SeatBookingFactory, WaitlistEntryFactory, group_type

pytestmark = pytest.mark.django_db
Status = WaitlistEntry.Status


def kinds(obj) -> list[str]:
    mine = Message.objects.filter(target_type=ContentType.objects.get_for_model(obj), target_id=obj.pk)
    return list(mine.order_by("pk").values_list("kind", flat=True))


def test_an_event_takes_its_time_from_the_calendar_through_the_guard():
    event = EventFactory(capacity=8)
    block = event.block
    assert block.kind == CalendarBlock.Kind.EVENT and block.active
    assert (block.start, block.end) == (event.start, event.end)
    with pytest.raises(SlotTaken):
        EventFactory(capacity=8, session_type=event.session_type, slug="toinen")


def test_booking_seats_counts_them_and_queues_the_confirmation_and_reminder():
    event = EventFactory(capacity=4)
    seat, token = seat_book(event=event, name="Liisa", email="liisa@example.fi", seats=3)
    assert seat.status == SeatBooking.Status.CONFIRMED and seat.seats == 3
    assert seats_taken(event, timezone.now()) == 3
    assert link_resolve(token, purpose="event_seats", model=SeatBooking) == seat
    assert sorted(kinds(seat)) == ["seat_confirmed", "seat_reminder"]


def test_more_seats_than_are_left_are_refused_with_how_many_are_left():
    event = EventFactory(capacity=4)
    SeatBookingFactory(event=event, seats=3)
    with pytest.raises(SeatsGone) as refused:
        SeatBookingFactory(event=event, seats=2, email="other@example.fi")
    assert refused.value.left == 1
    SeatBookingFactory(event=event, seats=1, email="other@example.fi")
    with pytest.raises(SeatsGone) as full:
        SeatBookingFactory(event=event, seats=1, email="third@example.fi")
    assert full.value.left == 0
    assert SeatBooking.objects.filter(event=event).count() == 2


def test_one_booking_can_not_take_more_than_the_events_maximum():
    event = EventFactory(capacity=10, max_seats_per_booking=2)
    with pytest.raises(TooManySeats):
        SeatBookingFactory(event=event, seats=3)


def test_the_same_submission_books_once():
    event = EventFactory(capacity=4)
    first = SeatBookingFactory(event=event, seats=2, submission_key="k" * 32)
    again = SeatBookingFactory(event=event, seats=2, submission_key="k" * 32)
    assert first == again and seats_taken(event, timezone.now()) == 2


def test_registration_closes_at_its_deadline():
    event = EventFactory(capacity=4)
    with (
        time_machine.travel(event.registration_deadline + dt.timedelta(minutes=1)),
        pytest.raises(RegistrationClosed),
    ):
        SeatBookingFactory(event=event)


def test_waitlist_only_when_the_seats_wanted_are_not_free_and_position_is_kept():
    from events.selectors import waitlist_position

    event = EventFactory(capacity=2)
    with pytest.raises(WaitlistNotNeeded):
        WaitlistEntryFactory(event=event)
    SeatBookingFactory(event=event, seats=1)
    # One seat left, two wanted: in line.
    two = WaitlistEntryFactory(event=event, seats=2, email="two@example.fi")
    SeatBookingFactory(event=event, seats=1, email="last@example.fi")
    one = WaitlistEntryFactory(event=event, seats=1, email="one@example.fi")
    assert (waitlist_position(two), waitlist_position(one)) == (1, 2)
    assert kinds(one) == ["waitlist_joined"]


def test_cancelled_seats_are_offered_at_once_to_the_first_in_line():
    event = EventFactory(capacity=2)
    seat = SeatBookingFactory(event=event, seats=2)
    first, second = (
        WaitlistEntryFactory(event=event, email="a@example.fi"),
        WaitlistEntryFactory(event=event, email="b@example.fi"),
    )
    seat_cancel(seat_booking=seat, seats=1)
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == Status.OFFERED and second.status == Status.WAITING
    assert first.offer_expires_at == first.offered_at + dt.timedelta(hours=24)
    assert "waitlist_offer" in kinds(first)
    # The offer holds the seat: nobody else can book it meanwhile.
    with pytest.raises(SeatsGone):
        SeatBookingFactory(event=event, seats=1, email="c@example.fi")


def test_a_freed_seat_goes_to_the_first_in_line_whose_seats_fit():
    event = EventFactory(capacity=3)
    seat = SeatBookingFactory(event=event, seats=3)
    big, small = (
        WaitlistEntryFactory(event=event, seats=3, email="big@example.fi"),
        WaitlistEntryFactory(event=event, seats=1, email="small@example.fi"),
    )
    seat_cancel(seat_booking=seat, seats=1)
    big.refresh_from_db(), small.refresh_from_db()
    assert (big.status, small.status) == (Status.WAITING, Status.OFFERED)


def test_an_unclaimed_offer_expires_and_the_seat_passes_to_the_next_in_line():
    event = EventFactory(days=10, capacity=1)
    seat = SeatBookingFactory(event=event, seats=1)
    first, second = (
        WaitlistEntryFactory(event=event, email="a@example.fi"),
        WaitlistEntryFactory(event=event, email="b@example.fi"),
    )
    seat_cancel(seat_booking=seat)
    first.refresh_from_db()
    assert first.status == Status.OFFERED
    with time_machine.travel(first.offer_expires_at - dt.timedelta(minutes=1)):
        assert offers_expire() == 1  # the line is settled, nothing has expired yet
        first.refresh_from_db(), second.refresh_from_db()
        assert (first.status, second.status) == (Status.OFFERED, Status.WAITING)
    with time_machine.travel(first.offer_expires_at + dt.timedelta(minutes=5)):
        offers_expire()
        first.refresh_from_db(), second.refresh_from_db()
        assert first.status == Status.EXPIRED and second.status == Status.OFFERED
        assert "waitlist_offer_expired" in kinds(first) and "waitlist_offer" in kinds(second)
        with pytest.raises(OfferGone):
            offer_claim(entry=first)
        seat, _token = offer_claim(entry=second)
    second.refresh_from_db()
    assert second.status == Status.CLAIMED and second.seat_booking == seat
    assert seats_taken(event, timezone.now()) == 1


def test_an_expired_offer_frees_its_seats_by_the_clock_before_the_task_runs():
    event = EventFactory(capacity=1)
    seat = SeatBookingFactory(event=event)
    entry = WaitlistEntryFactory(event=event)
    seat_cancel(seat_booking=seat)
    entry.refresh_from_db()
    with time_machine.travel(entry.offer_expires_at + dt.timedelta(seconds=1)):
        assert seats_taken(event, timezone.now()) == 0
        # A booking settles the line first: the offer expires; nobody else waits, so it's free.
        assert SeatBookingFactory(event=event, seats=1, email="new@example.fi").seats == 1
    entry.refresh_from_db()
    assert entry.status == Status.EXPIRED


def test_an_offer_never_outlives_registration():
    event = EventFactory(capacity=1, registration_deadline=timezone.now() + dt.timedelta(hours=2))
    seat = SeatBookingFactory(event=event)
    entry = WaitlistEntryFactory(event=event)
    seat_cancel(seat_booking=seat)
    entry.refresh_from_db()
    assert entry.offer_expires_at == event.registration_deadline


def test_declining_an_offer_hands_it_on_at_once():
    event = EventFactory(capacity=1)
    seat = SeatBookingFactory(event=event)
    first, second = (
        WaitlistEntryFactory(event=event, email="a@example.fi"),
        WaitlistEntryFactory(event=event, email="b@example.fi"),
    )
    seat_cancel(seat_booking=seat)
    waitlist_leave(entry=WaitlistEntry.objects.get(pk=first.pk))
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == (Status.DECLINED, Status.OFFERED)


def test_seats_can_be_cancelled_online_only_before_the_cutoff():
    event = EventFactory(days=10, capacity=4)
    seat = SeatBookingFactory(event=event, seats=2)
    with time_machine.travel(event.start - dt.timedelta(hours=23)), pytest.raises(OutsidePolicy):
        seat_cancel(seat_booking=seat)
    seat = seat_cancel(seat_booking=seat, seats=1)
    assert seat.seats == 1 and seat.status == SeatBooking.Status.CONFIRMED
    seat = seat_cancel(seat_booking=seat)
    assert seat.status == SeatBooking.Status.CANCELLED
    with pytest.raises(InvalidState):
        seat_cancel(seat_booking=seat)


def test_more_capacity_is_offered_to_the_waitlist():
    event = EventFactory(capacity=1)
    SeatBookingFactory(event=event)
    entry = WaitlistEntryFactory(event=event)
    event_update(event=event, capacity=2)
    entry.refresh_from_db()
    assert entry.status == Status.OFFERED
    with pytest.raises(InvalidState):
        event_update(event=event, capacity=1)


def test_moving_an_event_moves_its_block_and_tells_the_seat_holders():
    event = EventFactory(capacity=4)
    seat = SeatBookingFactory(event=event)
    later = event.start + dt.timedelta(days=1)
    event = event_update(event=event, start=later, end=later + dt.timedelta(hours=1))
    event.block.refresh_from_db()
    assert event.block.start == later and event.sequence == 1
    assert "event_changed" in kinds(seat)


def test_cancelling_an_event_frees_the_time_cancels_seats_and_closes_the_line():
    event = EventFactory(capacity=1)
    seat = SeatBookingFactory(event=event)
    entry = WaitlistEntryFactory(event=event)
    event_cancel(event=event)
    event.block.refresh_from_db(), seat.refresh_from_db(), entry.refresh_from_db()
    assert not event.block.active
    assert seat.status == SeatBooking.Status.CANCELLED and entry.status == Status.CLOSED
    assert "event_cancelled" in kinds(seat)


# --- health data -----------------------------------------------------------------------------------


def test_health_answers_are_encrypted_in_the_raw_row():
    event = EventFactory(capacity=4)
    answers = health_answers(["epilepsy", "pregnancy"], "Herkkä korkeille äänille")
    seat = SeatBookingFactory(event=event, health=answers, consent=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT health_answers FROM events_seatbooking WHERE id = %s", [seat.pk])
        raw = cursor.fetchone()[0]
    assert raw and "epilepsy" not in raw and "Herkkä" not in raw
    seat = SeatBooking.objects.get(pk=seat.pk)
    assert seat.health == {"conditions": ["epilepsy", "pregnancy"], "other": "Herkkä korkeille äänille"}
    assert seat.health_consent_at is not None


def test_health_answers_are_never_stored_without_consent():
    event = EventFactory(capacity=4)
    with pytest.raises(InvalidState):
        SeatBookingFactory(event=event, health=health_answers(["implant"], ""), consent=False)
    assert health_answers([], "  ") == ""  # nothing declared: nothing stored, no consent needed
    assert SeatBookingFactory(event=event, health="").health_answers == ""


def test_health_answers_are_purged_30_days_after_the_event_by_the_retention_pass():
    from privacy.tasks import purge_expired

    event = EventFactory(days=3, capacity=4)
    seat = SeatBookingFactory(event=event, health=health_answers(["thrombosis"], ""), consent=True)
    other = SeatBookingFactory(event=event, email="none@example.fi")
    with time_machine.travel(event.end + dt.timedelta(days=29)):
        assert purge_expired()["event_seats"] == 0
    with time_machine.travel(event.end + dt.timedelta(days=30, minutes=1)):
        assert purge_expired()["event_seats"] == 1
    seat.refresh_from_db(), other.refresh_from_db()
    assert seat.health_answers == "" and seat.health_purged_at is not None
    assert seat.health_consent_at is not None and other.health_purged_at is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT health_answers FROM events_seatbooking WHERE id = %s", [seat.pk])
        assert cursor.fetchone()[0] == ""


# --- the emails ------------------------------------------------------------------------------------


def test_the_offer_email_carries_a_link_that_outlives_the_offer_to_say_it_expired(client):
    event = EventFactory(capacity=1)
    seat = SeatBookingFactory(event=event, language="en")
    entry = WaitlistEntryFactory(event=event, email="waiting@example.fi", language="en")
    seat_cancel(seat_booking=seat)
    mail.outbox.clear()
    messages_send_due(seconds=10)
    offer = next(m for m in mail.outbox if m.to == ["waiting@example.fi"] and "free" in m.subject.lower())
    path = next(word for word in offer.body.split() if "/seat-offer/" in word)
    path = path.split("://", 1)[1].split("/", 1)[1]
    token = path.rstrip("/").split("/")[-1]
    entry.refresh_from_db()
    assert link_resolve(token, purpose=EventLink.OFFER, model=WaitlistEntry) == entry
    assert client.get("/" + path).status_code == 200
    with time_machine.travel(entry.offer_expires_at + dt.timedelta(seconds=1)):
        expired = client.get("/" + path)
        assert expired.status_code == 410 and "The offer has expired" in expired.content.decode()


def test_the_seat_confirmation_has_a_calendar_file():
    from icalendar import Calendar

    event = EventFactory(capacity=4)
    SeatBookingFactory(event=event, seats=2, email="seat@example.fi")
    messages_send_due(seconds=10)
    sent = next(m for m in mail.outbox if m.to == ["seat@example.fi"])
    attachment = sent.attachments[0]
    content = attachment.get_content() if hasattr(attachment, "get_content") else attachment[1]
    calendar = Calendar.from_ical(content)
    assert calendar["method"] == "REQUEST"
    vevent = calendar.walk("VEVENT")[0]
    assert vevent.decoded("dtstart") == event.start


def test_event_is_listed_only_when_published():
    from events.selectors import upcoming_public_events

    shown = EventFactory(capacity=4)
    EventFactory(capacity=4, hour=12, session_type=shown.session_type, draft=True, slug="luonnos")
    assert [e.pk for e in upcoming_public_events()] == [shown.pk]
    assert group_type  # the factory used by the other modules


def test_names_and_addresses_of_seat_holders_and_the_waitlist_go_after_the_booking_retention(settings):
    from privacy.tasks import purge_expired

    settings.BOOKING_RETENTION_DAYS = 60
    event = EventFactory(days=3, capacity=1)
    seat = SeatBookingFactory(event=event, email="keep@example.fi")
    entry = WaitlistEntryFactory(event=event, email="waiting@example.fi")
    with time_machine.travel(event.end + dt.timedelta(days=59)):
        purge_expired()
    seat.refresh_from_db(), entry.refresh_from_db()
    assert (seat.email, entry.email) == ("keep@example.fi", "waiting@example.fi")
    with time_machine.travel(event.end + dt.timedelta(days=61)):
        assert purge_expired()["event_seats"] == 2
    seat.refresh_from_db(), entry.refresh_from_db()
    assert (seat.name, seat.email, entry.name, entry.email) == ("", "", "", "")
    assert seat.seats == 1 and seat.price_per_seat == event.price_per_seat  # the accounts stay
