"""A booking moved to another time or cancelled, by the client through their personal link (before
the cutoff they accepted) or by the practitioner."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from notifications.actions import message_cancel
from privacy.links import link_extend

from .. import selectors
from ..exceptions import InvalidState, OutsideAvailability, OutsidePolicy
from ..kinds import BookingLink, BookingMessage
from ..models import Booking, BookingChange
from .calendar import block_move, block_release
from .common import (
    LINK_LIFETIME_AFTER_END,
    booking_lock,
    followups_schedule,
    history_add,
    queue_client,
    queue_practitioner,
)


def booking_reschedule(
    *,
    booking: Booking,
    start: dt.datetime,
    by_user=None,
    ignore_notice: bool = False,
    now: dt.datetime | None = None,
) -> Booking:
    """Moves the booking to a free `start`. Clients (no `by_user`) only before the cutoff.

    Raises OutsidePolicy after the cutoff, OutsideAvailability if the time isn't free,
    SlotTaken if it was taken meanwhile, InvalidState for a cancelled or past booking.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        booking = booking_lock(booking)
        if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.REQUESTED):
            raise InvalidState
        if by_user is None and not booking.can_change_online(now):
            raise OutsidePolicy
        session_type = booking.session_type
        practitioner = selectors.practitioner_free_at(
            session_type,
            start,
            booking.modality,
            now=now,
            ignore_notice=ignore_notice,
            exclude_block=booking.block_id,
            prefer=booking.practitioner,
        )
        if practitioner is None:
            raise OutsideAvailability
        block_start, block_end, end = session_type.span(start)
        booking.block = block_move(
            block=booking.block, start=block_start, end=block_end, practitioner=practitioner
        )
        booking.practitioner = practitioner
        booking = booking_record_move(booking=booking, start=start, end=end, by_user=by_user, now=now)
        queue_client(booking, BookingMessage.RESCHEDULED)
        queue_practitioner(booking, "rescheduled")
        return booking


def booking_record_move(
    *, booking: Booking, start: dt.datetime, end: dt.datetime, by_user, now: dt.datetime, note: str = ""
) -> Booking:
    """Writes a booking's move to [start, end) once the caller has taken its calendar time (the
    booking's `block` and `practitioner` already set): SEQUENCE raised, the personal link
    extended, the history kept, the reminder and check-in planned anew. Messages about the move
    are the caller's (one per booking, or one per series)."""
    old_start = booking.start
    booking.start, booking.end = start, end
    booking.sequence += 1
    booking.save(update_fields=["block", "practitioner", "start", "end", "sequence", "updated_at"])
    link_extend(purpose=BookingLink.MANAGE, target=booking, expires_at=end + LINK_LIFETIME_AFTER_END)
    history_add(
        booking,
        BookingChange.Action.RESCHEDULED,
        by_user=by_user,
        by_client=by_user is None,
        old_start=old_start,
        note=note,
    )
    if booking.status == Booking.Status.CONFIRMED:
        followups_schedule(booking, now)
    return booking


def booking_cancel(
    *, booking: Booking, by_user=None, reason: str = "", now: dt.datetime | None = None
) -> Booking:
    """Cancels and frees the time. Clients (no `by_user`) only before the cutoff (OutsidePolicy)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = booking_lock(booking)
        if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.REQUESTED):
            raise InvalidState
        if by_user is None and not booking.can_change_online(now):
            raise OutsidePolicy
        block_release(block=booking.block)
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.sequence += 1
        booking.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        history_add(
            booking, BookingChange.Action.CANCELLED, by_user=by_user, by_client=by_user is None, note=reason
        )
        message_cancel(target=booking, kinds=[BookingMessage.REMINDER, BookingMessage.CHECKIN])
        queue_client(booking, BookingMessage.CANCELLED)
        queue_practitioner(booking, "cancelled")
        return booking
