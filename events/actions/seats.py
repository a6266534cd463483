"""Seats of an event: booking and giving them back, each under the event's lock (see settle.py), and
the retention of the seat holders' health self-declarations."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from bookings.actions.common import LINK_LIFETIME_AFTER_END
from bookings.exceptions import InvalidState, OutsidePolicy
from bookings.policy import can_change_online
from notifications.actions import message_cancel
from privacy.links import link_create

from ..exceptions import RegistrationClosed, SeatsGone, TooManySeats
from ..kinds import EventLink, EventMessage
from ..models import Event, SeatBooking
from ..models import WaitlistEntry as Entry
from ..selectors import is_open
from .settle import event_lock, health_retention, queue_to, waitlist_settle


def seats_link(seat: SeatBooking, event: Event) -> str:
    return link_create(purpose=EventLink.SEATS, target=seat, expires_at=event.end + LINK_LIFETIME_AFTER_END)


def queue_seat_reminder(seat: SeatBooking, event: Event, now: dt.datetime) -> None:
    message_cancel(target=seat, kinds=[EventMessage.SEAT_REMINDER])
    due = event.start - dt.timedelta(hours=event.session_type.reminder_lead_hours)
    if due > now:
        queue_to(seat, EventMessage.SEAT_REMINDER, occurrence=str(event.sequence), due_at=due)


def seat_write(
    event: Event, *, name, email, phone, language, seats, health, consent, submission_key, now
) -> SeatBooking:
    """The rows of one seat booking and its messages; the caller holds the event's lock and has
    counted the seats."""
    if health and not consent:
        raise InvalidState  # the form asks for consent; health data is never stored without it
    seat = SeatBooking.objects.create(
        event=event,
        name=name,
        email=email,
        phone=phone,
        language=language,
        seats=seats,
        health_answers=health if event.asks_health_declaration else "",
        health_consent_at=now if health and event.asks_health_declaration else None,
        price_per_seat=event.price_per_seat,
        vat_rate=event.vat_rate,
        submission_key=submission_key or None,
    )
    queue_to(seat, EventMessage.SEAT_CONFIRMED, occurrence="0")
    queue_seat_reminder(seat, event, now)
    return seat


def seat_book(
    *,
    event: Event,
    name: str,
    email: str,
    seats: int,
    language: str = "fi",
    phone: str = "",
    health: str = "",
    consent: bool = False,
    submission_key: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[SeatBooking, str]:
    """Books `seats` seats and returns (seat booking, personal link token).

    Never oversells: the seats are counted and taken under the event's lock, after the waitlist
    is settled (so freed seats reach the people waiting before anyone else; the settling commits
    even when the booking is refused). Raises SeatsGone
    (with how many are left), RegistrationClosed, TooManySeats. The same `submission_key` twice
    returns the first booking. `health` (from health_answers()) is stored, encrypted, only with
    `consent`.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        if submission_key and (same := SeatBooking.objects.filter(submission_key=submission_key).first()):
            return same, seats_link(same, same.event)
        event = event_lock(event)
        if not is_open(event, now):
            raise RegistrationClosed
        if not 1 <= seats <= event.max_seats_per_booking:
            raise TooManySeats
        free = waitlist_settle(event, now)
        if seats <= free:
            seat = seat_write(
                event,
                name=name,
                email=email,
                phone=phone,
                language=language,
                seats=seats,
                health=health,
                consent=consent,
                submission_key=submission_key,
                now=now,
            )
            return seat, seats_link(seat, event)
    raise SeatsGone(free)  # after the settling committed: a refusal never undoes a hand-over


def seat_can_cancel_online(seat: SeatBooking, now: dt.datetime | None = None) -> bool:
    """Whether the holder may still cancel through the link: before the session type's cutoff."""
    event = seat.event
    return can_change_online(
        start=event.start,
        cutoff_hours=event.session_type.cancellation_cutoff_hours,
        live=seat.status == SeatBooking.Status.CONFIRMED and event.status == Event.Status.PUBLISHED,
        now=now or timezone.now(),
    )


def seat_cancel(
    *, seat_booking: SeatBooking, seats: int | None = None, by_user=None, now: dt.datetime | None = None
) -> SeatBooking:
    """Gives back `seats` of the booking (all by default). The seats are free at once and offered
    to the waitlist in the same transaction. Holders (no `by_user`) only before the cutoff
    (OutsidePolicy)."""
    with transaction.atomic(durable=True):
        return _cancel(seat_booking, seats=seats, by_staff=by_user is not None, now=now or timezone.now())


def _cancel(seat_booking: SeatBooking, *, seats: int | None, by_staff: bool, now: dt.datetime) -> SeatBooking:
    event = event_lock(seat_booking.event)
    seat = SeatBooking.objects.select_related("event__session_type").get(pk=seat_booking.pk)
    if seat.status != SeatBooking.Status.CONFIRMED:
        raise InvalidState
    if not by_staff and not seat_can_cancel_online(seat, now):
        raise OutsidePolicy
    given_back = seat.seats if seats is None else seats
    if not 1 <= given_back <= seat.seats:
        raise TooManySeats
    seat.sequence += 1
    if given_back == seat.seats:
        seat.status, seat.cancelled_at = SeatBooking.Status.CANCELLED, now
        message_cancel(target=seat, kinds=[EventMessage.SEAT_REMINDER])
    else:
        seat.seats -= given_back
    seat.save(update_fields=["status", "cancelled_at", "seats", "sequence"])
    queue_to(seat, EventMessage.SEAT_CANCELLED, occurrence=str(seat.sequence), context={"seats": given_back})
    waitlist_settle(event, now)
    return seat


def attendee_erase(*, seats, entries, now: dt.datetime | None = None) -> int:
    """Erases a seat holder or a person waiting without harming anyone else: their seats still to
    come are cancelled the way any cancellation is (so the waitlist gets them at once), their
    places in line end (an offer's seats pass on), then who they are is blanked. Returns how many
    rows were blanked. Call inside the erasure's transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        for seat in seats.filter(status=SeatBooking.Status.CONFIRMED, event__end__gt=now).select_related(
            "event"
        ):
            _cancel(seat, seats=None, by_staff=True, now=now)
        live = entries.filter(status__in=[Entry.Status.WAITING, Entry.Status.OFFERED])
        events = {entry.event_id: entry.event for entry in live.select_related("event")}
        for entry in live:
            message_cancel(target=entry, kinds=[EventMessage.WAITLIST_OFFER])
        live.update(status=Entry.Status.LEFT, closed_at=now)
        for event in events.values():
            waitlist_settle(event_lock(event), now)
        return attendees_anonymise(seats=seats, entries=entries, now=now)


def seat_health_purge(*, now: dt.datetime | None = None) -> int:
    """Purges the health self-declarations of events that ended EVENT_HEALTH_RETENTION_DAYS ago
    (the row keeps that consent was given and when the answers were purged). Returns how many."""
    now = now or timezone.now()
    return (
        SeatBooking.objects.filter(event__end__lte=now - health_retention(), health_purged_at__isnull=True)
        .exclude(health_consent_at__isnull=True)
        .update(health_answers="", health_purged_at=now)
    )


def attendees_anonymise(*, seats, entries, now: dt.datetime) -> int:
    """Blanks who the seat holders and the people waiting are (and the holders' health answers);
    the seats, prices and dates stay for the accounts. Returns how many rows."""
    with transaction.atomic():
        count = seats.update(
            name="", email="", phone="", health_answers="", health_purged_at=now, submission_key=None
        )
        count += entries.update(name="", email="", submission_key=None)
    return count
