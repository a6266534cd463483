"""The lock, the count and the hand-over that every change to an event's seats starts with.

An action that changes seats takes one lock, on the Event row (event_lock: SELECT ... FOR UPDATE on
PostgreSQL; on SQLite the IMMEDIATE transaction holds the write lock from its start), settles the
waitlist (waitlist_settle), derives the free seats from the rows (events.selectors.seats_taken:
live seat bookings + unexpired offers) and only then writes.
"""

import datetime as dt

from django.conf import settings

from core.db import lock_wait_limited
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
    first (an entry whose seats don't fit is passed over, not dropped). Call with the event locked.
    Returns the seats still free."""
    for entry in Entry.objects.filter(event=event, status=Entry.Status.OFFERED, offer_expires_at__lte=now):
        entry.status, entry.closed_at = Entry.Status.EXPIRED, now
        entry.save(update_fields=["status", "closed_at"])
        message_cancel(target=entry, kinds=[EventMessage.WAITLIST_OFFER])
        queue_to(entry, EventMessage.WAITLIST_OFFER_EXPIRED)
    free = event.capacity - seats_taken(event, now)
    if free <= 0 or not is_open(event, now):
        return max(free, 0)
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
