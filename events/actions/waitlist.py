"""The waitlist of an event: joining and leaving the line, claiming an offer, and the periodic
hand-over of expired offers (the beat task `bookings.expire_waitlist_offers`)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from bookings.actions.common import LINK_LIFETIME_AFTER_END
from bookings.exceptions import InvalidState
from core.exceptions import Busy
from notifications.actions import message_cancel
from privacy.links import link_create

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
        if seats > waitlist_settle(event, now):
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
    raise WaitlistNotNeeded  # after the settling committed: a refusal never undoes a hand-over


def waitlist_link(entry: Entry, event: Event) -> str:
    """The waiting person's link; like the offer's, it lives until after the event, so that what
    became of the place in line can be told."""
    return link_create(
        purpose=EventLink.WAITLIST, target=entry, expires_at=event.end + LINK_LIFETIME_AFTER_END
    )


def offer_link(entry: Entry, event: Event) -> str:
    """The offer email's link. It outlives the offer (until after the event): an offer that
    expired, was declined or was used says so, instead of an unexplained 404."""
    return link_create(purpose=EventLink.OFFER, target=entry, expires_at=event.end + LINK_LIFETIME_AFTER_END)


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
    nothing is recounted). A claim sent again returns the seats it booked (with a new link to
    them). Raises OfferGone when the offer expired or was declined, after the seats have passed on
    (the hand-over commits; the refusal does not undo it)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        event = event_lock(entry.event)
        entry = Entry.objects.get(pk=entry.pk)
        if entry.status == Entry.Status.CLAIMED and entry.seat_booking_id:
            seat = entry.seat_booking
            return seat, seats_link(seat, event)  # the claim page sent twice
        if entry.status == Entry.Status.OFFERED and entry.offer_expires_at > now and is_open(event, now):
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
            return seat, seats_link(seat, event)
        waitlist_settle(event, now)
    raise OfferGone


def waitlist_entry_settled(*, entry: Entry, now: dt.datetime | None = None) -> bool:
    """Settles the event of a waitlist page being read when what the page would show is out of
    date: the entry's offer is past its time, or registration has closed while the entry is still
    in line. Returns whether anything was settled (the caller reads the entry again)."""
    now = now or timezone.now()
    live = entry.status in (Entry.Status.WAITING, Entry.Status.OFFERED)
    due = entry.status == Entry.Status.OFFERED and entry.offer_expires_at <= now
    if not (due or (live and not is_open(entry.event, now))):
        return False
    try:
        with transaction.atomic(durable=True):
            waitlist_settle(event_lock(entry.event), now)
    except Busy:
        return False  # another request holds the event; the page shows the offer as expired anyway
    return True


def offers_expire(*, now: dt.datetime | None = None) -> int:
    """The periodic hand-over: for each event with an offer past its time (or free seats and
    people waiting), expires the offers and offers the seats to the next in line, one event per
    transaction. Closes the lines of events whose registration has closed, telling each person
    still in line once (waitlist_close). Returns the number of events settled."""
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
    closing = set(
        Entry.objects.filter(status__in=[Entry.Status.WAITING, Entry.Status.OFFERED])
        .exclude(event__status=Event.Status.PUBLISHED, event__registration_deadline__gt=now)
        .values_list("event_id", flat=True)
    )
    settled = due | waiting | closing
    for event in Event.objects.filter(pk__in=settled).order_by("pk"):
        with transaction.atomic(durable=True):
            waitlist_settle(event_lock(event), now)
    return len(settled)
