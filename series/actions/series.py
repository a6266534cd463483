"""Supervision series and their agreement: booking a whole series, managing it as a whole
(cancel the rest, move all later sessions) or one session at a time, confirming the agreement.

Every session is an ordinary Booking that takes its time through the calendar guard
(block_reserve), with the booking flow's rules checked for all times together first
(selectors_series.series_check: hours, holidays, exceptions, notice, buffers; the horizon is
SERIES_HORIZON_DAYS, as a series reaches further than one booking). A series is booked, moved or
cancelled in one transaction: if any time is not free, nothing is written (SeriesConflict with
the plan, or SlotTaken when another booking won a race, rolls everything back).

The client hears of a series in one email (one calendar file per session) rather than one email
per session: the per-booking emails that bookings.actions.booking_* queue are withdrawn inside the
same transaction and a series message is queued instead. Reminders and check-ins stay per session.
"""

import datetime as dt
import math

from django.db import transaction
from django.utils import timezone

from bookings.actions.booking import booking_confirm, booking_decline, booking_write
from bookings.actions.calendar import block_release, block_reserve
from bookings.actions.change import booking_cancel, booking_record_move
from bookings.actions.common import LINK_LIFETIME_AFTER_END, Client
from bookings.exceptions import InvalidState, OutsideAvailability, OutsidePolicy
from bookings.kinds import BookingMessage
from bookings.models import Booking, Modality, Practitioner, SessionType
from core.db import lock_wait_limited
from core.time import HELSINKI, local_datetime
from notifications.actions import message_cancel, message_queue
from privacy.links import link_create, link_extend

from .. import selectors as selectors_series
from ..exceptions import SeriesConflict
from ..kinds import SeriesLink, SeriesMessage
from ..models import Series, SeriesSession, SupervisionAgreement

# Per-booking emails that a series replaces with its own.
BOOKING_KINDS = [BookingMessage.CONFIRMED, BookingMessage.REQUESTED, BookingMessage.CANCELLED, BookingMessage.DECLINED,
                 BookingMessage.RESCHEDULED, BookingMessage.PRACTITIONER]  # fmt: skip


def evaluation_of(number: int, count: int) -> str:
    """Which evaluation session `number` of `count` is: the last is the final evaluation; a
    series of four or more has a mid-point evaluation halfway."""
    if number == count and count > 1:
        return SeriesSession.Evaluation.FINAL
    if count >= 4 and number == math.ceil(count / 2):
        return SeriesSession.Evaluation.MIDPOINT
    return SeriesSession.Evaluation.NONE


def _series_link(series: Series, last_end: dt.datetime) -> str:
    return link_create(
        purpose=SeriesLink.SERIES, target=series, expires_at=last_end + LINK_LIFETIME_AFTER_END
    )


def _queue_contact(series: Series, kind: str, *, occurrence: str, context: dict | None = None) -> None:
    agreement = series.agreement
    message_queue(
        kind=kind,
        target=series,
        recipient=agreement.contact_email,
        language=agreement.language,
        occurrence=occurrence,
        context=context,
    )


def queue_practitioner(
    series: Series, what: str, *, occurrence: str, numbers: list[int] | None = None
) -> None:
    """News of the series to its practitioner (see series.messages.practitioner_series)."""
    message_queue(
        kind=SeriesMessage.PRACTITIONER,
        target=series,
        recipient=series.practitioner.email,
        language=series.practitioner.language,
        occurrence=f"{what}-{occurrence}",
        context={"what": what, "numbers": numbers or []},
    )


def _session_booking(
    *,
    agreement: SupervisionAgreement,
    session_type: SessionType,
    practitioner: Practitioner,
    start: dt.datetime,
    modality: str,
    client: Client,
    created_by,
    now: dt.datetime,
) -> Booking:
    """One session as a Booking, written as booking_create writes it (whose own check would stop at
    the type's booking horizon): the guard takes the time or raises SlotTaken. The session keeps
    the agreement's cancellation terms, not the session type's."""
    return booking_write(
        session_type=session_type,
        practitioner=practitioner,
        start=start,
        modality=modality,
        client=client,
        created_by=created_by,
        now=now,
        note="series",
        cancellation_hours=agreement.cancellation_hours,
    )


def series_create(
    *,
    session_type: SessionType,
    modality: str,
    starts: list[dt.datetime],
    cadence: str,
    client: Client,
    client_organisation: str = "",
    participants: str = "",
    goals: str = "",
    trial_sessions: int = 0,
    practitioner: Practitioner | None = None,
    submission_key: str | None = None,
    created_by=None,
    now: dt.datetime | None = None,
) -> tuple[Series, str]:
    """Books every start as a session of a new series under a new agreement (proposed to the
    client's contact for confirmation) and returns (series, personal link token).

    All or nothing: raises SeriesConflict (with the plan: each time's reason and nearest free
    alternative) when any time is not free now, SlotTaken when a race took one while writing;
    either way nothing is left behind. The same `submission_key` twice returns the first series.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        if submission_key and (same := Series.objects.filter(submission_key=submission_key).first()):
            last = same.sessions.select_related("booking").order_by("-number").first()
            return same, _series_link(same, last.booking.end if last else now)
        plan = selectors_series.series_check(
            session_type, modality, starts, practitioner=practitioner, now=now
        )
        if not plan.ok:
            raise SeriesConflict(plan)
        practitioner = plan.practitioner
        agreement = SupervisionAgreement.objects.create(
            practitioner=practitioner,
            session_type=session_type,
            client_organisation=client_organisation,
            contact_name=client.name,
            contact_email=client.email,
            contact_phone=client.phone,
            language=client.language,
            participants=participants,
            group_size=client.group_size,
            goals=goals,
            session_count=len(plan.sessions),
            session_minutes=session_type.duration_minutes,
            cadence=cadence,
            modality=modality,
            location=session_type.location if modality == Modality.IN_PERSON else None,
            trial_sessions=min(trial_sessions, len(plan.sessions)),
            price_per_session=session_type.price,
            vat_rate=session_type.vat_rate,
            cancellation_hours=session_type.cancellation_cutoff_hours,
            sent_at=now,
            **client.organisation,
        )
        series = Series.objects.create(
            agreement=agreement,
            practitioner=practitioner,
            session_type=session_type,
            cadence=cadence,
            created_by=created_by,
            submission_key=submission_key or None,
        )
        count = len(plan.sessions)
        for planned in plan.sessions:
            booking = _session_booking(
                agreement=agreement,
                session_type=session_type,
                practitioner=practitioner,
                start=planned.start,
                modality=modality,
                client=client,
                created_by=created_by,
                now=now,
            )
            SeriesSession.objects.create(
                series=series,
                booking=booking,
                number=planned.number,
                trial=planned.number <= agreement.trial_sessions,
                evaluation=evaluation_of(planned.number, count),
            )
        requested = session_type.booking_mode == SessionType.BookingMode.REQUEST
        what = "requested" if requested else "confirmed"
        _queue_contact(series, SeriesMessage.BOOKED, occurrence=what, context={"what": what})
        _queue_contact(series, SeriesMessage.AGREEMENT_TO_CONFIRM, occurrence=now.isoformat())
        queue_practitioner(series, what, occurrence="0")
        return series, _series_link(series, plan.sessions[-1].end)


# --- managing a series ---------------------------------------------------------------------------


def locked_sessions(series: Series) -> list[SeriesSession]:
    """The series' sessions with their bookings, the bookings locked (in number order)."""
    with lock_wait_limited():
        bookings = {
            b.pk: b
            for b in Booking.objects.select_for_update(of=("self",))
            .select_related("session_type", "practitioner", "block")
            .filter(series_session__series=series)
            .order_by("start")
        }
    sessions = list(SeriesSession.objects.filter(series=series).order_by("number"))
    for session in sessions:
        session.booking = bookings[session.booking_id]
    return sessions


def is_upcoming(session: SeriesSession, now: dt.datetime) -> bool:
    """Live and still to come."""
    booking = session.booking
    return booking.status in selectors_series.LIVE and booking.start > now


def _withdraw_booking_emails(bookings: list[Booking]) -> None:
    for booking in bookings:
        message_cancel(target=booking, kinds=BOOKING_KINDS)


def _changed(series: Series, what: str, numbers: list[int], now: dt.datetime) -> None:
    occurrence = f"{what}-{now.isoformat()}"
    _queue_contact(
        series, SeriesMessage.CHANGED, occurrence=occurrence, context={"what": what, "numbers": numbers}
    )
    queue_practitioner(series, what, occurrence=now.isoformat(), numbers=numbers)


def _extend_link(series: Series, sessions: list[SeriesSession]) -> None:
    last_end = max(s.booking.end for s in sessions)
    link_extend(purpose=SeriesLink.SERIES, target=series, expires_at=last_end + LINK_LIFETIME_AFTER_END)


def series_cancel_rest(
    *, series: Series, by_user=None, reason: str = "", now: dt.datetime | None = None
) -> tuple[list[SeriesSession], list[SeriesSession]]:
    """Cancels every session still to come; returns (cancelled, kept). The client (no `by_user`)
    can't cancel sessions past the cancellation cutoff: those are kept (the page says whom to
    contact). Raises OutsidePolicy when nothing could be cancelled for that reason, InvalidState
    when nothing is left to cancel."""
    now = now or timezone.now()
    with transaction.atomic():
        sessions = locked_sessions(series)
        upcoming = [s for s in sessions if is_upcoming(s, now)]
        kept = [s for s in upcoming if by_user is None and not s.booking.can_change_online(now)]
        cancelled = [s for s in upcoming if s not in kept]
        if not cancelled:
            raise OutsidePolicy if kept else InvalidState
        for session in cancelled:
            session.booking = booking_cancel(booking=session.booking, by_user=by_user, reason=reason, now=now)
        _withdraw_booking_emails([s.booking for s in cancelled])
        _changed(series, "cancelled", [s.number for s in cancelled], now)
        return cancelled, kept


def series_session_cancel(
    *, session: SeriesSession, by_user=None, reason: str = "", now: dt.datetime | None = None
) -> SeriesSession:
    """Cancels one session (clients before its cutoff: OutsidePolicy; InvalidState if not live)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        series = session.series
        session = next(s for s in locked_sessions(series) if s.pk == session.pk)
        if not is_upcoming(session, now):
            raise InvalidState
        session.booking = booking_cancel(booking=session.booking, by_user=by_user, reason=reason, now=now)
        _withdraw_booking_emails([session.booking])
        _changed(series, "cancelled", [session.number], now)
        return session


def _move(series: Series, moves: dict[int, dt.datetime], *, by_user, now: dt.datetime) -> list[SeriesSession]:
    """Moves the sessions numbered in `moves` to their new starts, all checked together (the
    moving sessions' own times count as free) and written together, or raises."""
    sessions = locked_sessions(series)
    moving = [s for s in sessions if s.number in moves]
    if not moving or len(moving) != len(moves) or not all(is_upcoming(s, now) for s in moving):
        raise InvalidState
    if by_user is None and not all(s.booking.can_change_online(now) for s in moving):
        raise OutsidePolicy
    plan = selectors_series.series_check(
        series.session_type,
        moving[0].booking.modality,
        [moves[s.number] for s in moving],
        practitioner=series.practitioner,
        exclude_blocks={s.booking.block_id for s in moving},
        now=now,
    )
    if not plan.ok:
        raise SeriesConflict(plan)
    for session in moving:
        block_release(block=session.booking.block)
    for session in moving:
        booking = session.booking
        start = moves[session.number]
        block_start, block_end, end = series.session_type.span(start)
        booking.block = block_reserve(
            practitioner=series.practitioner, start=block_start, end=block_end, kind=booking.block.kind
        )
        session.booking = booking_record_move(
            booking=booking, start=start, end=end, by_user=by_user, now=now, note="series"
        )
    _extend_link(series, sessions)
    _changed(series, "moved", sorted(moves), now)
    return moving


def series_session_move(
    *, session: SeriesSession, start: dt.datetime, by_user=None, now: dt.datetime | None = None
) -> SeriesSession:
    """Moves one session to a free `start` (SeriesConflict with the reason and nearest free time
    otherwise; OutsidePolicy for a client past the cutoff)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        return _move(session.series, {session.number: start}, by_user=by_user, now=now)[0]


def series_move_rest(
    *, series: Series, from_number: int, start: dt.datetime, by_user=None, now: dt.datetime | None = None
) -> list[SeriesSession]:
    """Moves session `from_number` to `start` and every later session still to come by the same
    number of days, each to the new Helsinki wall-clock time (so the cadence and the local time
    survive a daylight-saving change). All checked and moved together, or SeriesConflict."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        sessions = [s for s in locked_sessions(series) if s.number >= from_number and is_upcoming(s, now)]
        if not sessions or sessions[0].number != from_number:
            raise InvalidState
        new_local = start.astimezone(HELSINKI)
        days = new_local.date() - sessions[0].booking.start.astimezone(HELSINKI).date()
        moves = {}
        for session in sessions:
            moved = local_datetime(session.booking.start.astimezone(HELSINKI).date() + days, new_local.time())
            if moved is None:
                raise OutsideAvailability  # the skipped hour of the spring change
            moves[session.number] = moved
        return _move(series, moves, by_user=by_user, now=now)


def series_confirm(*, series: Series, by_user, now: dt.datetime | None = None) -> list[Booking]:
    """The practitioner confirms a requested series: every held session becomes a booking; the
    client gets one email for the series."""
    now = now or timezone.now()
    with transaction.atomic():
        held = [s.booking for s in locked_sessions(series) if s.booking.status == Booking.Status.REQUESTED]
        if not held:
            raise InvalidState
        confirmed = [booking_confirm(booking=b, by_user=by_user, now=now) for b in held]
        _withdraw_booking_emails(confirmed)
        _queue_contact(series, SeriesMessage.BOOKED, occurrence="confirmed", context={"what": "confirmed"})
        return confirmed


def series_decline(
    *, series: Series, by_user, reason: str = "", now: dt.datetime | None = None
) -> list[Booking]:
    """The practitioner declines a requested series: every held session is freed, the agreement is
    cancelled, the client gets one email."""
    now = now or timezone.now()
    with transaction.atomic():
        sessions = [s for s in locked_sessions(series) if s.booking.status == Booking.Status.REQUESTED]
        if not sessions:
            raise InvalidState
        declined = [booking_decline(booking=s.booking, by_user=by_user, reason=reason) for s in sessions]
        _withdraw_booking_emails(declined)
        SupervisionAgreement.objects.filter(pk=series.agreement_id).update(
            status=SupervisionAgreement.Status.CANCELLED
        )
        _changed(series, "declined", [s.number for s in sessions], now)
        return declined
