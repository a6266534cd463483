"""The waitlist of an event: joining and leaving the line, claiming an offer, and the periodic
hand-over of expired offers (the beat task `bookings.expire_waitlist_offers`)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from bookings.exceptions import InvalidState
from notifications.actions import message_cancel
from privacy.links import link_create, link_revoke

from ..exceptions import OfferGone, RegistrationClosed, TooManySeats, WaitlistNotNeeded
from ..kinds import EventLink, EventMessage
from ..models import Event, SeatBooking
from ..models import WaitlistEntry as Entry
from ..selectors import is_open
from .seats import seat_write, seats_link
from .settle import event_lock, queue_to, waitlist_settle


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
    with transaction.atomic(durable=True):
        if submission_key and (same := Entry.objects.filter(submission_key=submission_key).first()):
            return same, waitlist_link(same, same.event)
        event = event_lock(event)
        if not is_open(event, now):
            raise RegistrationClosed
        if not 1 <= seats <= event.max_seats_per_booking:
            raise TooManySeats
        if seats <= waitlist_settle(event, now):
            raise WaitlistNotNeeded
        entry = Entry.objects.create(
            event=event,
            name=name,
            email=email,
            language=language,
            seats=seats,
            submission_key=submission_key or None,
        )
        queue_to(entry, EventMessage.WAITLIST_JOINED)
        return entry, waitlist_link(entry, event)


def waitlist_link(entry: Entry, event: Event) -> str:
    return link_create(purpose=EventLink.WAITLIST, target=entry, expires_at=event.end)


def waitlist_leave(*, entry: Entry, now: dt.datetime | None = None) -> Entry:
    """Leaves the line (or declines a pending offer, whose seats pass to the next at once)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        event = event_lock(entry.event)
        entry = Entry.objects.get(pk=entry.pk)
        if entry.status == Entry.Status.WAITING:
            entry.status = Entry.Status.LEFT
        elif entry.status == Entry.Status.OFFERED and entry.offer_expires_at > now:
            entry.status = Entry.Status.DECLINED
            message_cancel(target=entry, kinds=[EventMessage.WAITLIST_OFFER])
            link_revoke(purpose=EventLink.OFFER, target=entry)
        else:
            raise InvalidState
        entry.closed_at = now
        entry.save(update_fields=["status", "closed_at"])
        waitlist_settle(event, now)
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
    with transaction.atomic(durable=True):
        event = event_lock(entry.event)
        entry = Entry.objects.get(pk=entry.pk)
        if entry.status == Entry.Status.CLAIMED and entry.seat_booking_id:
            seat = entry.seat_booking
            return seat, seats_link(seat, event)  # the claim page sent twice
        if entry.status != Entry.Status.OFFERED or entry.offer_expires_at <= now or not is_open(event, now):
            waitlist_settle(event, now)
            raise OfferGone
        seat = seat_write(
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
        message_cancel(target=entry, kinds=[EventMessage.WAITLIST_OFFER])
        link_revoke(purpose=EventLink.OFFER, target=entry)
        return seat, seats_link(seat, event)


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
        with transaction.atomic(durable=True):
            waitlist_settle(event_lock(event), now)
    Entry.objects.filter(status=Entry.Status.WAITING, event__registration_deadline__lte=now).update(
        status=Entry.Status.CLOSED, closed_at=now
    )
    return len(due | waiting)
