"""Events with seats and a waitlist: every change to them.

How overselling is prevented (after pretix's quotas): every action that changes seats runs in one
short transaction that takes one lock, on the Event row (SELECT ... FOR UPDATE on PostgreSQL; on
SQLite the IMMEDIATE transaction holds the database's write lock from its start), then settles the
waitlist, derives the free seats from the rows (live seat bookings + unexpired offers), and only
then writes. There is no counter to drift: a crashed worker leaves nothing to repair, and an offer
that expires frees its seats by the clock even before the periodic task hands them on.

The waitlist: when seats are free and people wait, the first person in line whose wanted seats
fit gets an offer (the seats are held for them EVENT_OFFER_HOURS, never past registration's
close) and an email with a personal link. An offer that is not claimed in time expires and the
seats pass to the next in line. Every locked action settles the waitlist first, and the beat task
`bookings.expire_waitlist_offers` runs the same settling every 5 minutes.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from bookings.actions.booking import LINK_LIFETIME_AFTER_END
from bookings.actions.calendar import block_move, block_release, block_reserve
from bookings.exceptions import InvalidState, OutsidePolicy
from bookings.models import CalendarBlock, Location, Practitioner, SessionType
from bookings.policy import block_span, can_change_online
from notifications.actions import message_cancel, message_queue
from privacy.links import link_create, link_extend, link_revoke

from .exceptions import OfferGone, RegistrationClosed, SeatsGone, TooManySeats, WaitlistNotNeeded
from .models import Event, SeatBooking
from .models import WaitlistEntry as Entry

SEATS_LINK = "event_seats"
WAITLIST_LINK = "waitlist"
OFFER_LINK = "waitlist_offer"


def offer_lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.EVENT_OFFER_HOURS)


def health_retention() -> dt.timedelta:
    return dt.timedelta(days=settings.EVENT_HEALTH_RETENTION_DAYS)


# --- seats: counting under the lock ---------------------------------------------------------------


def _lock(event: Event, *, lock: bool = True) -> Event:
    """The event row, locked until the transaction ends. `lock=False` exists only for the race
    tests' negative control (and shows what overselling looks like)."""
    events = Event.objects.select_related("session_type", "practitioner", "location")
    if lock:
        events = events.select_for_update(of=("self",))
    return events.get(pk=event.pk)


def seats_used(event: Event, now: dt.datetime) -> int:
    """Seats of live bookings plus seats held by unexpired offers (2 queries)."""
    booked = SeatBooking.objects.filter(event=event, status=SeatBooking.Status.CONFIRMED).aggregate(
        n=Sum("seats")
    )["n"]
    offered = Entry.objects.filter(
        event=event, status=Entry.Status.OFFERED, offer_expires_at__gt=now
    ).aggregate(n=Sum("seats"))["n"]
    return (booked or 0) + (offered or 0)


def _open(event: Event, now: dt.datetime) -> bool:
    return event.status == Event.Status.PUBLISHED and now < event.registration_deadline


def _settle(event: Event, now: dt.datetime) -> int:
    """Expires the event's due offers and offers free seats to the people waiting, first in line
    first (an entry whose seats don't fit is passed over, not dropped). Call with the event locked.
    Returns the seats still free."""
    for entry in Entry.objects.filter(event=event, status=Entry.Status.OFFERED, offer_expires_at__lte=now):
        entry.status, entry.closed_at = Entry.Status.EXPIRED, now
        entry.save(update_fields=["status", "closed_at"])
        message_cancel(target=entry, kinds=["waitlist_offer"])
        _queue(entry, "waitlist_offer_expired")
    free = event.capacity - seats_used(event, now)
    if free <= 0 or not _open(event, now):
        return max(free, 0)
    expires = min(now + offer_lifetime(), event.registration_deadline)
    for entry in Entry.objects.filter(event=event, status=Entry.Status.WAITING).order_by("joined_at", "pk"):
        if entry.seats > free:
            continue
        entry.status, entry.offered_at, entry.offer_expires_at = Entry.Status.OFFERED, now, expires
        entry.save(update_fields=["status", "offered_at", "offer_expires_at"])
        _queue(entry, "waitlist_offer", occurrence=now.isoformat())
        free -= entry.seats
        if free == 0:
            break
    return free


def _queue(obj: SeatBooking | Entry, kind: str, *, occurrence: str = "", due_at=None, context=None) -> None:
    message_queue(
        kind=kind,
        target=obj,
        recipient=obj.email,
        language=obj.language,
        occurrence=occurrence,
        due_at=due_at,
        context=context,
    )


# --- the practitioner's events -------------------------------------------------------------------


def _block_span(
    session_type: SessionType, start: dt.datetime, end: dt.datetime
) -> tuple[dt.datetime, dt.datetime]:
    return block_span(
        start,
        end,
        buffer_before_minutes=session_type.buffer_before_minutes,
        buffer_after_minutes=session_type.buffer_after_minutes,
    )


def event_create(
    *,
    session_type: SessionType,
    practitioner: Practitioner,
    start: dt.datetime,
    end: dt.datetime,
    capacity: int,
    slug: str,
    title_fi: str,
    registration_deadline: dt.datetime | None = None,
    modality: str = "in_person",
    location: Location | None = None,
    **fields,
) -> Event:
    """Schedules an event: its time (with the type's buffers) is taken from the practitioner's
    calendar through the guard. Raises SlotTaken when the time is not free. The price and VAT
    default to the session type's."""
    with transaction.atomic():
        block_start, block_end = _block_span(session_type, start, end)
        block = block_reserve(
            practitioner=practitioner, start=block_start, end=block_end, kind=CalendarBlock.Kind.EVENT
        )
        fields.setdefault("price_per_seat", session_type.price)
        fields.setdefault("vat_rate", session_type.vat_rate)
        event = Event(
            session_type=session_type,
            practitioner=practitioner,
            block=block,
            start=start,
            end=end,
            capacity=capacity,
            slug=slug,
            title_fi=title_fi,
            registration_deadline=registration_deadline or start,
            modality=modality,
            location=location,
            **fields,
        )
        event.full_clean(exclude=["block"])
        event.save()
        return event


TIME_FIELDS = ("start", "end", "practitioner", "location", "modality", "meeting_url", "place_note")


def event_update(*, event: Event, now: dt.datetime | None = None, **changes) -> Event:
    """Changes an event. A new time moves its calendar block (SlotTaken if not free); seat holders
    are told of a new time or place with an updated calendar file. Capacity can't go below the
    seats taken (InvalidState); more capacity is offered to the waitlist at once."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(event)
        moved = any(name in changes and changes[name] != getattr(event, name) for name in TIME_FIELDS)
        for name, value in changes.items():
            setattr(event, name, value)
        if event.capacity < seats_used(event, now):
            raise InvalidState
        event.full_clean(exclude=["block"])
        if moved:
            block_start, block_end = _block_span(event.session_type, event.start, event.end)
            block_move(block=event.block, start=block_start, end=block_end, practitioner=event.practitioner)
            event.sequence += 1
        event.save()
        if moved:
            for seat in event.seat_bookings.filter(status=SeatBooking.Status.CONFIRMED):
                link_extend(purpose=SEATS_LINK, target=seat, expires_at=event.end + LINK_LIFETIME_AFTER_END)
                _queue(seat, "event_changed", occurrence=str(event.sequence))
                _queue_reminder(seat, event, now)
        _settle(event, now)
        return event


def event_cancel(*, event: Event, by_user=None, reason: str = "", now: dt.datetime | None = None) -> Event:
    """Cancels the event: frees the practitioner's time, cancels every seat (each holder is told,
    with a calendar cancellation) and closes the waitlist."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(event)
        if event.status == Event.Status.CANCELLED:
            raise InvalidState
        block_release(block=event.block)
        event.status = Event.Status.CANCELLED
        event.sequence += 1
        event.save(update_fields=["status", "sequence"])
        for seat in event.seat_bookings.filter(status=SeatBooking.Status.CONFIRMED):
            seat.status, seat.cancelled_at = SeatBooking.Status.CANCELLED, now
            seat.sequence += 1
            seat.save(update_fields=["status", "cancelled_at", "sequence"])
            message_cancel(target=seat, kinds=["seat_reminder"])
            _queue(seat, "event_cancelled", context={"reason": reason})
        for entry in event.waitlist.filter(status__in=[Entry.Status.WAITING, Entry.Status.OFFERED]):
            entry.status, entry.closed_at = Entry.Status.CLOSED, now
            entry.save(update_fields=["status", "closed_at"])
            message_cancel(target=entry, kinds=["waitlist_offer"])
        return event


# --- seats ---------------------------------------------------------------------------------------


def _seats_link(seat: SeatBooking, event: Event) -> str:
    return link_create(purpose=SEATS_LINK, target=seat, expires_at=event.end + LINK_LIFETIME_AFTER_END)


def _queue_reminder(seat: SeatBooking, event: Event, now: dt.datetime) -> None:
    message_cancel(target=seat, kinds=["seat_reminder"])
    due = event.start - dt.timedelta(hours=event.session_type.reminder_lead_hours)
    if due > now:
        _queue(seat, "seat_reminder", occurrence=str(event.sequence), due_at=due)


def _seat_create(
    event: Event, *, name, email, phone, language, seats, health, consent, submission_key, now
) -> SeatBooking:
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
    _queue(seat, "seat_confirmed", occurrence="0")
    _queue_reminder(seat, event, now)
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
    lock: bool = True,
) -> tuple[SeatBooking, str]:
    """Books `seats` seats and returns (seat booking, personal link token).

    Never oversells: the seats are counted and taken under the event's lock, after the waitlist
    is settled (so freed seats reach the people waiting before anyone else). Raises SeatsGone
    (with how many are left), RegistrationClosed, TooManySeats. The same `submission_key` twice
    returns the first booking. `health` (from health_answers()) is stored, encrypted, only with
    `consent`. `lock=False` is for the race tests' negative control only.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if submission_key and (same := SeatBooking.objects.filter(submission_key=submission_key).first()):
            return same, _seats_link(same, same.event)
        event = _lock(event, lock=lock)
        if not _open(event, now):
            raise RegistrationClosed
        if not 1 <= seats <= event.max_seats_per_booking:
            raise TooManySeats
        free = _settle(event, now)
        if seats > free:
            raise SeatsGone(free)
        seat = _seat_create(
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
        return seat, _seats_link(seat, event)


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
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(seat_booking.event)
        seat = SeatBooking.objects.select_related("event__session_type").get(pk=seat_booking.pk)
        if seat.status != SeatBooking.Status.CONFIRMED:
            raise InvalidState
        if by_user is None and not seat_can_cancel_online(seat, now):
            raise OutsidePolicy
        given_back = seat.seats if seats is None else seats
        if not 1 <= given_back <= seat.seats:
            raise TooManySeats
        seat.sequence += 1
        if given_back == seat.seats:
            seat.status, seat.cancelled_at = SeatBooking.Status.CANCELLED, now
            message_cancel(target=seat, kinds=["seat_reminder"])
        else:
            seat.seats -= given_back
        seat.save(update_fields=["status", "cancelled_at", "seats", "sequence"])
        _queue(seat, "seat_cancelled", occurrence=str(seat.sequence), context={"seats": given_back})
        _settle(event, now)
        return seat


# --- the waitlist --------------------------------------------------------------------------------


def waitlist_join(
    *,
    event: Event,
    name: str,
    email: str,
    seats: int,
    language: str = "fi",
    submission_key: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[Entry, str]:
    """Puts the person in line for `seats` seats; returns (entry, personal link token). Only when
    fewer seats are free than wanted (WaitlistNotNeeded otherwise) and registration is open."""
    now = now or timezone.now()
    with transaction.atomic():
        if submission_key and (same := Entry.objects.filter(submission_key=submission_key).first()):
            return same, _waitlist_link(same, same.event)
        event = _lock(event)
        if not _open(event, now):
            raise RegistrationClosed
        if not 1 <= seats <= event.max_seats_per_booking:
            raise TooManySeats
        if seats <= _settle(event, now):
            raise WaitlistNotNeeded
        entry = Entry.objects.create(
            event=event,
            name=name,
            email=email,
            language=language,
            seats=seats,
            submission_key=submission_key or None,
        )
        _queue(entry, "waitlist_joined")
        return entry, _waitlist_link(entry, event)


def _waitlist_link(entry: Entry, event: Event) -> str:
    return link_create(purpose=WAITLIST_LINK, target=entry, expires_at=event.end)


def waitlist_leave(*, entry: Entry, now: dt.datetime | None = None) -> Entry:
    """Leaves the line (or declines a pending offer, whose seats pass to the next at once)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(entry.event)
        entry = Entry.objects.get(pk=entry.pk)
        if entry.status == Entry.Status.WAITING:
            entry.status = Entry.Status.LEFT
        elif entry.status == Entry.Status.OFFERED and entry.offer_expires_at > now:
            entry.status = Entry.Status.DECLINED
            message_cancel(target=entry, kinds=["waitlist_offer"])
            link_revoke(purpose=OFFER_LINK, target=entry)
        else:
            raise InvalidState
        entry.closed_at = now
        entry.save(update_fields=["status", "closed_at"])
        _settle(event, now)
        return entry


def offer_claim(
    *,
    entry: Entry,
    phone: str = "",
    health: str = "",
    consent: bool = False,
    now: dt.datetime | None = None,
) -> tuple[SeatBooking, str]:
    """Turns a live offer into a seat booking of the offered seats (they were held for it, so
    nothing is recounted). Raises OfferGone when the offer expired, was declined or used."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock(entry.event)
        entry = Entry.objects.get(pk=entry.pk)
        if entry.status == Entry.Status.CLAIMED and entry.seat_booking_id:
            seat = entry.seat_booking
            return seat, _seats_link(seat, event)  # the claim page sent twice
        if entry.status != Entry.Status.OFFERED or entry.offer_expires_at <= now or not _open(event, now):
            _settle(event, now)
            raise OfferGone
        seat = _seat_create(
            event,
            name=entry.name,
            email=entry.email,
            phone=phone,
            language=entry.language,
            seats=entry.seats,
            health=health,
            consent=consent,
            submission_key=None,
            now=now,
        )
        entry.status, entry.closed_at, entry.seat_booking = Entry.Status.CLAIMED, now, seat
        entry.save(update_fields=["status", "closed_at", "seat_booking"])
        message_cancel(target=entry, kinds=["waitlist_offer"])
        link_revoke(purpose=OFFER_LINK, target=entry)
        return seat, _seats_link(seat, event)


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """The periodic hand-over: for each event with an offer past its time (or free seats and
    people waiting), expires the offers and offers the seats to the next in line, one event per
    transaction. Closes the lines of events whose registration has closed. Returns the number of
    events settled."""
    now = now or timezone.now()
    due = set(
        Entry.objects.filter(status=Entry.Status.OFFERED, offer_expires_at__lte=now).values_list(
            "event_id", flat=True
        )
    )
    waiting = set(
        Entry.objects.filter(
            status=Entry.Status.WAITING,
            event__status=Event.Status.PUBLISHED,
            event__registration_deadline__gt=now,
        ).values_list("event_id", flat=True)
    )
    for event in Event.objects.filter(pk__in=due | waiting).order_by("pk"):
        with transaction.atomic():
            _settle(_lock(event), now)
    Entry.objects.filter(status=Entry.Status.WAITING, event__registration_deadline__lte=now).update(
        status=Entry.Status.CLOSED, closed_at=now
    )
    return len(due | waiting)


# --- retention ------------------------------------------------------------------------------------


def seat_health_purge(*, now: dt.datetime | None = None) -> int:
    """Purges the health self-declarations of events that ended EVENT_HEALTH_RETENTION_DAYS ago
    (the row keeps that consent was given and when the answers were purged). Returns how many."""
    now = now or timezone.now()
    return (
        SeatBooking.objects.filter(event__end__lte=now - health_retention(), health_purged_at__isnull=True)
        .exclude(health_consent_at__isnull=True)
        .update(health_answers="", health_purged_at=now)
    )
