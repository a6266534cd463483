"""The practitioner's events: scheduling one (its time taken through the calendar guard), changing
it (seat holders told of a new time or place), cancelling it (every seat and the line closed)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from bookings.actions.calendar import block_move, block_release, block_reserve
from bookings.actions.common import LINK_LIFETIME_AFTER_END
from bookings.exceptions import InvalidState, ReasonMissing
from bookings.models import CalendarBlock, Location, Practitioner, SessionType
from bookings.policy import block_span
from notifications.actions import message_cancel
from privacy.access import Rule, may
from privacy.actions import access_change_record
from privacy.links import link_extend

from ..exceptions import HealthDeclarationsKept, NotAllowed
from ..kinds import EventLink, EventMessage
from ..models import Event, SeatBooking
from ..selectors import seats_taken
from .seats import queue_seat_reminder
from .settle import event_lock, queue_to, waitlist_close, waitlist_settle


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
    seats taken (InvalidState); more capacity is offered to the waitlist at once. Whose event it
    is changes only through event_reassign (NotAllowed here)."""
    if "practitioner" in changes and getattr(changes["practitioner"], "pk", None) != event.practitioner_id:
        raise NotAllowed
    return _update(event, changes, now or timezone.now())


def _update(event: Event, changes: dict, now: dt.datetime) -> Event:
    with transaction.atomic():
        event = event_lock(event)
        moved = any(name in changes and changes[name] != getattr(event, name) for name in TIME_FIELDS)
        for name, value in changes.items():
            setattr(event, name, value)
        if event.capacity < seats_taken(event, now):
            raise InvalidState
        event.full_clean(exclude=["block"])
        if moved:
            block_start, block_end = _block_span(event.session_type, event.start, event.end)
            block_move(block=event.block, start=block_start, end=block_end, practitioner=event.practitioner)
            event.sequence += 1
        event.save()
        if moved:
            for seat in event.seat_bookings.filter(status=SeatBooking.Status.CONFIRMED):
                link_extend(
                    purpose=EventLink.SEATS, target=seat, expires_at=event.end + LINK_LIFETIME_AFTER_END
                )
                queue_to(seat, EventMessage.EVENT_CHANGED, occurrence=str(event.sequence))
                queue_seat_reminder(seat, event, now)
            for entry in event.waitlist.all():  # their links, too, live until after the event
                for purpose in (EventLink.WAITLIST, EventLink.OFFER):
                    link_extend(purpose=purpose, target=entry, expires_at=event.end + LINK_LIFETIME_AFTER_END)
        waitlist_settle(event, now)
        return event


def event_cancel(*, event: Event, by_user=None, reason: str = "", now: dt.datetime | None = None) -> Event:
    """Cancels the event: frees the practitioner's time, cancels every seat (each holder is told,
    with a calendar cancellation) and closes the waitlist (each person in line is told)."""
    now = now or timezone.now()
    with transaction.atomic():
        event = event_lock(event)
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
            message_cancel(target=seat, kinds=[EventMessage.SEAT_REMINDER])
            queue_to(seat, EventMessage.EVENT_CANCELLED, context={"reason": reason})
        waitlist_close(event, now)
        return event


def event_reassign(*, event: Event, practitioner: Practitioner, by_user, reason: str) -> Event:
    """A superuser gives the event to another practitioner (privacy.access.Rule.ASSIGN) with a
    written reason, recorded as a privacy.AccessChange; the time moves to the new practitioner's
    calendar through the guard (SlotTaken if busy). Refused while seat holders' health
    self-declarations are kept: they stay with the practitioner who received them."""
    if not may(by_user, Rule.ASSIGN, event):
        raise NotAllowed
    if not reason.strip():
        raise ReasonMissing
    with transaction.atomic():
        event = event_lock(event)
        if event.seat_bookings.filter(
            health_consent_at__isnull=False, health_purged_at__isnull=True
        ).exists():
            raise HealthDeclarationsKept
        previous = event.practitioner
        if practitioner.pk == previous.pk:
            return event
        event = _update(event, {"practitioner": practitioner}, timezone.now())
        access_change_record(
            target=event,
            label=str(event),
            field="practitioner",
            old=previous,
            new=practitioner,
            reason=reason,
            by_user=by_user,
        )
        return event
