"""Bookings: create, reschedule, cancel, confirm, decline, mark. Each action is one transaction that
writes the rows, the calendar block, the history and the outbox messages together, or nothing."""

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import lock_wait_limited
from core.time import wall_clock_before
from notifications.actions import message_cancel, message_queue, message_supersede
from privacy.links import link_create, link_extend

from .. import selectors
from ..exceptions import InvalidState, OutsideAvailability, OutsidePolicy, SlotTaken
from ..models import Booking, BookingChange, CalendarBlock, Feedback, Modality, Practitioner, SessionType
from .calendar import block_move, block_release, block_reserve

CHECKIN_DELAY = dt.timedelta(hours=2)
LINK_LIFETIME_AFTER_END = dt.timedelta(days=60)


@dataclass
class Client:
    """Who books, as given in the details step (already cleaned by a form)."""

    name: str
    email: str
    phone: str = ""
    language: str = "fi"
    notes: str = ""
    group_size: int = 1
    organisation: dict = field(default_factory=dict)  # OrganisationDetails field names → values


def _meeting_url(practitioner: Practitioner, modality: str) -> str:
    if modality != Modality.ONLINE:
        return ""
    if practitioner.meeting_url:
        return practitioner.meeting_url
    return f"{settings.VIDEO_MEETING_BASE_URL.rstrip('/')}/{secrets.token_urlsafe(12)}"


def _manage_link(booking: Booking) -> str:
    return link_create(purpose="booking", target=booking, expires_at=booking.end + LINK_LIFETIME_AFTER_END)


def _queue_client(booking: Booking, kind: str, *, occurrence: str | None = None) -> None:
    message_queue(
        kind=kind,
        target=booking,
        recipient=booking.email,
        language=booking.language,
        occurrence=str(booking.sequence) if occurrence is None else occurrence,
    )


def _queue_practitioner(booking: Booking, what: str) -> None:
    message_queue(
        kind="practitioner_booking",
        target=booking,
        recipient=booking.practitioner.email,
        language=booking.practitioner.language,
        occurrence=f"{what}-{booking.sequence}",
        context={"what": what},
    )


def _schedule_followups(booking: Booking, now: dt.datetime) -> None:
    """The reminder (unless its time has passed) and the check-in of a confirmed booking's current time."""
    reminder_at = wall_clock_before(booking.start, hours=booking.session_type.reminder_lead_hours)
    message_cancel(target=booking, kinds=["booking_reminder", "booking_checkin"])
    if reminder_at > now:
        message_supersede(
            kind="booking_reminder",
            target=booking,
            recipient=booking.email,
            language=booking.language,
            due_at=reminder_at,
            occurrence=str(booking.sequence),
        )
    message_supersede(
        kind="booking_checkin",
        target=booking,
        recipient=booking.email,
        language=booking.language,
        due_at=booking.end + CHECKIN_DELAY,
        occurrence=str(booking.sequence),
    )


def _history(
    booking: Booking, action: str, *, by_user=None, by_client=False, old_start=None, note=""
) -> None:
    BookingChange.objects.create(
        booking=booking,
        action=action,
        by_user=by_user,
        by_client=by_client,
        old_start=old_start,
        new_start=booking.start,
        note=note,
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
    guard: bool = True,
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
        guard=guard,
    )
    booking = Booking.objects.create(
        practitioner=practitioner,
        session_type=session_type,
        block=block,
        start=start,
        end=end,
        modality=modality,
        location=session_type.location if modality == Modality.IN_PERSON else None,
        meeting_url=_meeting_url(practitioner, modality),
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
    _history(
        booking,
        BookingChange.Action.REQUESTED if request else BookingChange.Action.CREATED,
        by_user=created_by,
        by_client=created_by is None,
        note=note,
    )
    if not request:
        _schedule_followups(booking, now)
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
    guard: bool = True,
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
                guard=guard,
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
        return existing, _manage_link(existing)


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
                message_cancel(target=booking, kinds=["booking_requested", "practitioner_booking"])
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
    guard: bool = True,
) -> tuple[Booking, str]:
    now = now or timezone.now()
    with transaction.atomic():
        if submission_key:
            existing = Booking.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing, _manage_link(existing)
        practitioner = selectors.practitioner_free_at(
            session_type, start, modality, now=now, ignore_notice=ignore_notice
        )
        if practitioner is None:
            if guard:
                raise OutsideAvailability
            practitioner = selectors.practitioners_for(session_type)[0]
        booking = booking_write(
            session_type=session_type,
            practitioner=practitioner,
            start=start,
            modality=modality,
            client=client,
            created_by=created_by,
            now=now,
            submission_key=submission_key,
            guard=guard,
        )
        request = booking.status == Booking.Status.REQUESTED
        _queue_client(booking, "booking_requested" if request else "booking_confirmed")
        _queue_practitioner(booking, "requested" if request else "created")
        return booking, _manage_link(booking)


def _lock(booking: Booking) -> Booking:
    """The booking's row, locked until the transaction ends (Busy after DB_LOCK_TIMEOUT_MS)."""
    with lock_wait_limited():
        return (
            Booking.objects.select_for_update()
            .select_related("session_type", "practitioner", "block")
            .get(pk=booking.pk)
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
        booking = _lock(booking)
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
        _queue_client(booking, "booking_rescheduled")
        _queue_practitioner(booking, "rescheduled")
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
    link_extend(purpose="booking", target=booking, expires_at=end + LINK_LIFETIME_AFTER_END)
    _history(
        booking,
        BookingChange.Action.RESCHEDULED,
        by_user=by_user,
        by_client=by_user is None,
        old_start=old_start,
        note=note,
    )
    if booking.status == Booking.Status.CONFIRMED:
        _schedule_followups(booking, now)
    return booking


def booking_cancel(
    *, booking: Booking, by_user=None, reason: str = "", now: dt.datetime | None = None
) -> Booking:
    """Cancels and frees the time. Clients (no `by_user`) only before the cutoff (OutsidePolicy)."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock(booking)
        if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.REQUESTED):
            raise InvalidState
        if by_user is None and not booking.can_change_online(now):
            raise OutsidePolicy
        block_release(block=booking.block)
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.sequence += 1
        booking.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
        _history(
            booking, BookingChange.Action.CANCELLED, by_user=by_user, by_client=by_user is None, note=reason
        )
        message_cancel(target=booking, kinds=["booking_reminder", "booking_checkin"])
        _queue_client(booking, "booking_cancelled")
        _queue_practitioner(booking, "cancelled")
        return booking


def booking_confirm(*, booking: Booking, by_user, now: dt.datetime | None = None) -> Booking:
    """Confirms a request: the held time becomes a booking and the client is told."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _lock(booking)
        if booking.status != Booking.Status.REQUESTED:
            raise InvalidState
        CalendarBlock.objects.filter(pk=booking.block_id).update(kind=CalendarBlock.Kind.BOOKING)
        booking.status = Booking.Status.CONFIRMED
        booking.sequence += 1
        booking.save(update_fields=["status", "sequence", "updated_at"])
        _history(booking, BookingChange.Action.CONFIRMED, by_user=by_user)
        _queue_client(booking, "booking_confirmed")
        _schedule_followups(booking, now)
        return booking


def booking_decline(*, booking: Booking, by_user, reason: str = "") -> Booking:
    """Declines a request: the held time is freed and the client is told (with the reason)."""
    with transaction.atomic():
        booking = _lock(booking)
        if booking.status != Booking.Status.REQUESTED:
            raise InvalidState
        block_release(block=booking.block)
        booking.status = Booking.Status.DECLINED
        booking.decline_reason = reason
        booking.sequence += 1
        booking.save(update_fields=["status", "decline_reason", "sequence", "updated_at"])
        _history(booking, BookingChange.Action.DECLINED, by_user=by_user, note=reason)
        _queue_client(booking, "booking_declined")
        return booking


def booking_mark(*, booking: Booking, status: str, by_user) -> Booking:
    """Marks a past confirmed booking completed or no-show."""
    if status not in (Booking.Status.COMPLETED, Booking.Status.NO_SHOW):
        raise InvalidState
    with transaction.atomic():
        booking = _lock(booking)
        if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.COMPLETED, Booking.Status.NO_SHOW):
            raise InvalidState
        booking.status = status
        booking.save(update_fields=["status", "updated_at"])
        action = (
            BookingChange.Action.COMPLETED
            if status == Booking.Status.COMPLETED
            else BookingChange.Action.NO_SHOW
        )
        _history(booking, action, by_user=by_user)
        if status == Booking.Status.NO_SHOW:
            message_cancel(target=booking, kinds=["booking_checkin"])
        return booking


def booking_note(*, booking: Booking, note: str, by_user) -> Booking:
    """Sets the practitioner's internal note (never shown to the client) and records who changed
    it in the booking's history. The same note again changes and records nothing."""
    with transaction.atomic():
        booking = _lock(booking)
        note = note.strip()
        if note == booking.internal_note:
            return booking
        booking.internal_note = note
        booking.save(update_fields=["internal_note", "updated_at"])
        # The history is the practitioner's: it says, in their language, what the note became.
        what = _("Internal note: %(note)s") % {"note": note} if note else _("Internal note removed.")
        _history(booking, BookingChange.Action.EDITED, by_user=by_user, note=what)
        return booking


def price_parts(price: Decimal, vat_rate: Decimal) -> tuple[Decimal, Decimal]:
    """(VAT-exclusive amount, VAT) of a VAT-inclusive price, rounded to cents."""
    net = (price / (1 + vat_rate / 100)).quantize(Decimal("0.01"))
    return net, price - net


def feedback_submit(*, booking: Booking, rating: int, helped: str, change: str, wants_next: bool) -> Feedback:
    """Stores the client's answer to the check-in of `booking`, once: a second submission (a
    double click, a second tab) returns the first answer unchanged."""
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                booking=booking, rating=rating, helped=helped, change=change, wants_next=wants_next
            )
    except IntegrityError:
        return Feedback.objects.get(booking=booking)
