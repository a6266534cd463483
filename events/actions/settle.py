"""The lock, the count and the hand-over that every change to an event's seats starts with.

An action that changes seats takes one lock, on the Event row (event_lock: SELECT ... FOR UPDATE on
PostgreSQL; on SQLite the IMMEDIATE transaction holds the write lock from its start), settles the
waitlist (waitlist_settle), derives the free seats from the rows (events.selectors.seats_taken:
live seat bookings + unexpired offers) and only then writes.

Reads settle too (settled_read): a page or the API that shows seats first hands on the offers past
their time, so the seats it shows are the seats that can be booked. A refusal never undoes the
settling: the actions raise their refusal after the settling has committed.
"""

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.db import lock_wait_limited
from core.exceptions import Busy
from notifications.actions import message_cancel, message_queue

from ..kinds import EventMessage
from ..models import Event, SeatBooking
from ..models import WaitlistEntry as Entry
from ..selectors import is_open, seats_taken


def offer_lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.EVENT_OFFER_HOURS)


def health_retention() -> dt.timedelta:
    return dt.timedelta(days=settings.EVENT_HEALTH_RETENTION_DAYS)


def _for_update(events):
    """The rows, to be locked until the transaction ends. The race tests' negative control replaces
    this with the rows unlocked (tests/support/seams.py) to show what overselling looks like."""
    return events.select_for_update(of=("self",))


def event_lock(event: Event) -> Event:
    """The event row, locked until the transaction ends."""
    with lock_wait_limited():
        return _for_update(Event.objects.select_related("session_type", "practitioner", "location")).get(
            pk=event.pk
        )


def waitlist_settle(event: Event, now: dt.datetime) -> int:
    """Expires the event's due offers and offers free seats to the people waiting, first in line
    first (an entry whose seats don't fit is passed over, not dropped). When registration has
    closed (or the event is cancelled) the line is closed instead and each person still in it is
    told once (waitlist_close). Call with the event locked. Returns the seats still free."""
    for entry in Entry.objects.filter(event=event, status=Entry.Status.OFFERED, offer_expires_at__lte=now):
        entry.status, entry.closed_at = Entry.Status.EXPIRED, now
        entry.save(update_fields=["status", "closed_at"])
        message_cancel(target=entry, kinds=[EventMessage.WAITLIST_OFFER])
        queue_to(entry, EventMessage.WAITLIST_OFFER_EXPIRED)
    free = event.capacity - seats_taken(event, now)
    if not is_open(event, now):
        waitlist_close(event, now)
        return max(free, 0)
    if free <= 0:
        return 0
    expires = min(now + offer_lifetime(), event.registration_deadline)
    for entry in Entry.objects.filter(event=event, status=Entry.Status.WAITING).order_by("joined_at", "pk"):
        if entry.seats > free:
            continue
        entry.status, entry.offered_at, entry.offer_expires_at = Entry.Status.OFFERED, now, expires
        entry.save(update_fields=["status", "offered_at", "offer_expires_at"])
        queue_to(entry, EventMessage.WAITLIST_OFFER, occurrence=now.isoformat())
        free -= entry.seats
        if free == 0:
            break
    return free


def waitlist_close(event: Event, now: dt.datetime) -> int:
    """Closes the line of an event whose registration has closed: everyone still waiting (or
    holding an offer that can no longer be taken) is told once, in their language, that no seats
    came free for them. Call with the event locked. Returns how many were told."""
    live = Entry.objects.filter(event=event, status__in=[Entry.Status.WAITING, Entry.Status.OFFERED])
    told = 0
    for entry in live:
        entry.status, entry.closed_at = Entry.Status.CLOSED, now
        entry.save(update_fields=["status", "closed_at"])
        message_cancel(target=entry, kinds=[EventMessage.WAITLIST_OFFER])
        queue_to(entry, EventMessage.WAITLIST_CLOSED)
        told += 1
    return told


def settled_read[T: Event | list[Event] | None](
    read: Callable[[], T], *, now: dt.datetime | None = None
) -> T:
    """Runs `read` (events annotated by selectors.with_seats; None when it found none); when an event
    it found has an offer past its time, hands the seats on first and reads again in the same
    transaction, so the seats shown are the seats that can be booked (not a seat held by an expired
    offer while people wait). Nothing is written, and no query made, when no offer is due."""
    found = read()
    events = found if isinstance(found, list) else [found] if found is not None else []
    due = [event for event in events if event.offers_due]
    if not due:
        return found
    now = now or timezone.now()
    try:
        with transaction.atomic(durable=True):
            for event in due:
                waitlist_settle(event_lock(event), now)
            return read()
    except Busy:
        return found  # another request holds the event: it settles, or the next read or the beat


def queue_to(obj: SeatBooking | Entry, kind: str, *, occurrence: str = "", due_at=None, context=None) -> None:
    message_queue(
        kind=kind,
        target=obj,
        recipient=obj.email,
        language=obj.language,
        occurrence=occurrence,
        due_at=due_at,
        context=context,
    )
