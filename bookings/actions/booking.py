"""New bookings: made by a client in the booking flow or by the practitioner on their behalf, and
a request confirmed or declined. Each action is one transaction that writes the rows, the calendar
block, the history and the outbox messages together, or nothing."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications.actions import message_cancel

from .. import selectors
from ..exceptions import InvalidState, OutsideAvailability, SlotTaken
from ..kinds import BookingMessage
from ..models import Booking, BookingChange, CalendarBlock, Modality, Practitioner, SessionType
from .calendar import block_release, block_reserve
from .common import (
    Client,
    booking_lock,
    followups_schedule,
    history_add,
    manage_link,
    meeting_url_for,
    queue_client,
    queue_practitioner,
)


def booking_write(
    *,
    session_type: SessionType,
    practitioner: Practitioner,
    start: dt.datetime,
    modality: str,
    client: Client,
    created_by,
    now: dt.datetime,
    submission_key: str | None = None,
    note: str = "",
    cancellation_hours: int | None = None,
) -> Booking:
    """The rows of one new booking: its calendar block (through the guard: SlotTaken if taken), the
    booking, its history and, when confirmed, its reminder and check-in. Callers check availability
    first and queue their own confirmation messages (one per booking, or one per series). The
    booking keeps the cancellation terms it is made under: the session type's, unless the caller
    gives others (a series session follows its agreement)."""
    request = session_type.booking_mode == SessionType.BookingMode.REQUEST
    block_start, block_end, end = session_type.span(start)
    block = block_reserve(
        practitioner=practitioner,
        start=block_start,
        end=block_end,
        kind=CalendarBlock.Kind.HOLD if request else CalendarBlock.Kind.BOOKING,
    )
    booking = Booking.objects.create(
        practitioner=practitioner,
        session_type=session_type,
        block=block,
        start=start,
        end=end,
        modality=modality,
        location=session_type.location if modality == Modality.IN_PERSON else None,
        meeting_url=meeting_url_for(practitioner, modality),
        status=Booking.Status.REQUESTED if request else Booking.Status.CONFIRMED,
        client_name=client.name,
        email=client.email,
        phone=client.phone,
        language=client.language,
        group_size=client.group_size,
        notes=client.notes,
        price=session_type.price,
        vat_rate=session_type.vat_rate,
        cancellation_hours=session_type.cancellation_cutoff_hours
        if cancellation_hours is None
        else cancellation_hours,
        submission_key=submission_key or None,
        created_by=created_by,
        **client.organisation,
    )
    history_add(
        booking,
        BookingChange.Action.REQUESTED if request else BookingChange.Action.CREATED,
        by_user=created_by,
        by_client=created_by is None,
        note=note,
    )
    if not request:
        followups_schedule(booking, now)
    return booking


def booking_create(
    *,
    session_type: SessionType,
    start: dt.datetime,
    modality: str,
    client: Client,
    submission_key: str | None = None,
    created_by=None,
    ignore_notice: bool = False,
    now: dt.datetime | None = None,
) -> tuple[Booking, str]:
    """Books `start` for the client and returns (booking, personal link token).

    Raises OutsideAvailability if the time is not a free slot of the type (now, with its rules),
    SlotTaken if another booking took it first. The same `submission_key` twice returns the
    first booking (a double submission books once). Never leaves a half-made booking: rows,
    block, history and messages are written together, in one durable transaction, or not at all.
    """

    def create():
        with transaction.atomic(durable=True):
            return _booking_create(
                session_type=session_type,
                start=start,
                modality=modality,
                client=client,
                submission_key=submission_key,
                created_by=created_by,
                ignore_notice=ignore_notice,
                now=now,
            )

    return _once_per_submission(submission_key, create)


def _once_per_submission(submission_key: str | None, create) -> tuple[Booking, str]:
    try:
        return create()
    except (SlotTaken, OutsideAvailability, IntegrityError):
        # A double submission running alongside the first loses the race for its own time (or
        # its key); once the first has committed, its key finds that booking.
        existing = Booking.objects.filter(submission_key=submission_key).first() if submission_key else None
        if existing is None:
            raise
        return existing, manage_link(existing)


def booking_create_on_behalf(
    *,
    session_type: SessionType,
    start: dt.datetime,
    modality: str,
    client: Client,
    by_user,
    ignore_notice: bool,
    submission_key: str,
) -> tuple[Booking, str]:
    """The practitioner books a free time for a client by the same rules and guard as the public
    flow (the notice may be overridden) and gets (booking, personal link token). The practitioner
    decided already, so a request-mode type is confirmed at once: the client gets one confirmation,
    not a "request received". Raises OutsideAvailability or SlotTaken like booking_create; never
    leaves half a booking."""

    def create():
        with transaction.atomic(durable=True):
            booking, token = _booking_create(
                session_type=session_type,
                start=start,
                modality=modality,
                client=client,
                created_by=by_user,
                ignore_notice=ignore_notice,
                submission_key=submission_key,
            )
            if booking.status == Booking.Status.REQUESTED:
                message_cancel(target=booking, kinds=[BookingMessage.REQUESTED, BookingMessage.PRACTITIONER])
                booking = booking_confirm(booking=booking, by_user=by_user)
            return booking, token

    return _once_per_submission(submission_key, create)


def _booking_create(
    *,
    session_type: SessionType,
    start: dt.datetime,
    modality: str,
    client: Client,
    submission_key: str | None = None,
    created_by=None,
    ignore_notice: bool = False,
    now: dt.datetime | None = None,
) -> tuple[Booking, str]:
    now = now or timezone.now()
    with transaction.atomic():
        if submission_key:
            existing = Booking.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing, manage_link(existing)
        practitioner = selectors.practitioner_free_at(
            session_type, start, modality, now=now, ignore_notice=ignore_notice
        )
        if practitioner is None:
            raise OutsideAvailability
        booking = booking_write(
            session_type=session_type,
            practitioner=practitioner,
            start=start,
            modality=modality,
            client=client,
            created_by=created_by,
            now=now,
            submission_key=submission_key,
        )
        request = booking.status == Booking.Status.REQUESTED
        queue_client(booking, BookingMessage.REQUESTED if request else BookingMessage.CONFIRMED)
        queue_practitioner(booking, "requested" if request else "created")
        return booking, manage_link(booking)


def booking_confirm(*, booking: Booking, by_user, now: dt.datetime | None = None) -> Booking:
    """Confirms a request: the held time becomes a booking and the client is told."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = booking_lock(booking)
        if booking.status != Booking.Status.REQUESTED:
            raise InvalidState
        CalendarBlock.objects.filter(pk=booking.block_id).update(kind=CalendarBlock.Kind.BOOKING)
        booking.status = Booking.Status.CONFIRMED
        booking.sequence += 1
        booking.save(update_fields=["status", "sequence", "updated_at"])
        history_add(booking, BookingChange.Action.CONFIRMED, by_user=by_user)
        queue_client(booking, BookingMessage.CONFIRMED)
        followups_schedule(booking, now)
        return booking


def booking_decline(*, booking: Booking, by_user, reason: str = "") -> Booking:
    """Declines a request: the held time is freed and the client is told (with the reason)."""
    with transaction.atomic():
        booking = booking_lock(booking)
        if booking.status != Booking.Status.REQUESTED:
            raise InvalidState
        block_release(block=booking.block)
        booking.status = Booking.Status.DECLINED
        booking.decline_reason = reason
        booking.sequence += 1
        booking.save(update_fields=["status", "decline_reason", "sequence", "updated_at"])
        history_add(booking, BookingChange.Action.DECLINED, by_user=by_user, note=reason)
        queue_client(booking, BookingMessage.DECLINED)
        return booking
