"""Reads of events and their seats, with their queries decided.

Seats left are derived in the same query as the events (subqueries over the seat bookings and
the unexpired waitlist offers), so a list of events is one query whatever its length.
"""

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.time import day_bounds

from .models import Event, SeatBooking, WaitlistEntry


def _sum_of_seats(rows: QuerySet) -> Coalesce:
    per_event = (
        rows.filter(event=OuterRef("pk")).order_by().values("event").annotate(n=Sum("seats")).values("n")
    )
    return Coalesce(Subquery(per_event, output_field=IntegerField()), 0)


def _taking_seats() -> QuerySet[SeatBooking]:
    """Seat bookings that take seats: the confirmed ones."""
    return SeatBooking.objects.filter(status=SeatBooking.Status.CONFIRMED)


def _holding_seats(now: dt.datetime) -> QuerySet[WaitlistEntry]:
    """Waitlist offers that hold seats: offered and not expired (by the clock, even before the
    periodic hand-over has run)."""
    return WaitlistEntry.objects.filter(status=WaitlistEntry.Status.OFFERED, offer_expires_at__gt=now)


def seats_taken(event: Event, now: dt.datetime) -> int:
    """The event's seats taken: live seat bookings plus unexpired offers. The one count every
    action makes under the event's lock (two queries)."""
    booked = _taking_seats().filter(event=event).aggregate(n=Sum("seats"))["n"]
    offered = _holding_seats(now).filter(event=event).aggregate(n=Sum("seats"))["n"]
    return (booked or 0) + (offered or 0)


def with_seats(events: QuerySet[Event], now: dt.datetime | None = None) -> QuerySet[Event]:
    """Annotates seats_booked, seats_offered (live offers), waiting (people in line) and
    offers_due (offers past their time, not yet handed on), counted as seats_taken() counts them.
    `seats_left(event)` reads them; no query more per event. A read that shows seats first hands
    the due offers on (events.actions.settle.settled_read), so what it shows can be booked."""
    now = now or timezone.now()
    return events.annotate(
        seats_booked=_sum_of_seats(_taking_seats()),
        seats_offered=_sum_of_seats(_holding_seats(now)),
        waiting=_count_of(WaitlistEntry.objects.filter(status=WaitlistEntry.Status.WAITING)),
        offers_due=_count_of(
            WaitlistEntry.objects.filter(status=WaitlistEntry.Status.OFFERED, offer_expires_at__lte=now)
        ),
    )


def _count_of(entries: QuerySet[WaitlistEntry]) -> Coalesce:
    per_event = (
        entries.filter(event=OuterRef("pk")).order_by().values("event").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(per_event, output_field=IntegerField()), 0)


def seats_left(event: Event) -> int:
    """Free seats of an event annotated by with_seats()."""
    return max(event.capacity - event.seats_booked - event.seats_offered, 0)


def is_open(event: Event, now: dt.datetime | None = None) -> bool:
    """Whether seats can be booked or the waitlist joined now."""
    now = now or timezone.now()
    return event.status == Event.Status.PUBLISHED and now < event.registration_deadline


def events_public() -> QuerySet[Event]:
    return Event.objects.filter(status=Event.Status.PUBLISHED).select_related(
        "session_type", "location", "practitioner"
    )


def upcoming_public_events(limit: int | None = None, *, service: str | None = None) -> list[Event]:
    """Published events that have not started, soonest first, with their seats. One query.

    For the home page ("upcoming open events") and the service pages; `service` narrows to
    one service (e.g. "sound_relaxation")."""
    now = timezone.now()
    events = with_seats(events_public().filter(start__gt=now), now).order_by("start", "pk")
    if service:
        events = events.filter(session_type__service=service)
    return list(events[:limit] if limit else events)


def events_between(first_day: dt.date, last_day: dt.date) -> list[Event]:
    """Published events starting on these Helsinki days (both included), with seats. One query."""
    start, end = day_bounds(first_day, last_day)
    return list(with_seats(events_public().filter(start__gte=start, start__lt=end)).order_by("start", "pk"))


def event_public(slug: str) -> Event:
    """A published (or cancelled, to say so) event by its slug, with seats; 404 otherwise."""
    events = with_seats(
        Event.objects.exclude(status=Event.Status.DRAFT).select_related(
            "session_type", "location", "practitioner"
        )
    )
    return get_object_or_404(events, slug=slug)


def event_with_seats(pk: int) -> Event:
    return with_seats(Event.objects.select_related("session_type", "location", "practitioner")).get(pk=pk)


def seat_booking_details(pk: int) -> SeatBooking:
    return SeatBooking.objects.select_related(
        "event", "event__session_type", "event__location", "event__practitioner"
    ).get(pk=pk)


def waitlist_entry_details(pk: int) -> WaitlistEntry:
    return WaitlistEntry.objects.select_related(
        "event", "event__session_type", "event__location", "event__practitioner"
    ).get(pk=pk)


def waitlist_position(entry: WaitlistEntry) -> int | None:
    """1 for the first in line; None when the entry is not waiting. One query."""
    if entry.status != WaitlistEntry.Status.WAITING:
        return None
    ahead = WaitlistEntry.objects.filter(
        event_id=entry.event_id, status=WaitlistEntry.Status.WAITING, joined_at__lte=entry.joined_at
    ).exclude(joined_at=entry.joined_at, pk__gt=entry.pk)
    return ahead.count()


def waiting_in_line(event: Event) -> list[WaitlistEntry]:
    """The people waiting for a seat of `event`, first in line first (the order seats are offered)."""
    return list(
        WaitlistEntry.objects.filter(event=event, status=WaitlistEntry.Status.WAITING).order_by(
            "joined_at", "pk"
        )
    )


def offers_made_at(event: Event, at: dt.datetime) -> list[WaitlistEntry]:
    """The waitlist offers of `event` made at the moment `at` (by a cancellation, say)."""
    return list(
        WaitlistEntry.objects.filter(
            event=event, status=WaitlistEntry.Status.OFFERED, offered_at=at
        ).order_by("joined_at", "pk")
    )
