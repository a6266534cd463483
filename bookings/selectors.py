"""Reads of the calendar, with their queries decided. Free slots take a fixed number of queries:
session type's practitioners with their weekly hours (2), the range's exceptions (1) and its
active blocks (1), whatever the number of bookings."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.time import HELSINKI, day_bounds, day_start

from . import availability
from .availability import IN_PERSON, ONLINE, Busy, Hours, Range, Rules, Slot, finnish_holidays
from .models import Booking, CalendarBlock, DateException, Practitioner, SessionType, WeeklyHours


def session_types_public() -> QuerySet[SessionType]:
    return SessionType.objects.filter(is_active=True).order_by("position", "id")


def session_type_public(slug: str) -> SessionType:
    return get_object_or_404(SessionType.objects.select_related("location"), slug=slug, is_active=True)


def rules_for(session_type: SessionType, *, ignore_notice: bool = False) -> Rules:
    minutes = dt.timedelta(minutes=1)
    return Rules(
        duration=session_type.duration_minutes * minutes,
        step=session_type.slot_step_minutes * minutes,
        buffer_before=session_type.buffer_before_minutes * minutes,
        buffer_after=session_type.buffer_after_minutes * minutes,
        min_notice=dt.timedelta(0) if ignore_notice else dt.timedelta(hours=session_type.min_notice_hours),
        horizon=dt.timedelta(days=session_type.horizon_days),
        modalities=frozenset(session_type.modality_list),
    )


def _modalities(row) -> frozenset[str]:
    return frozenset(m for m, on in ((IN_PERSON, row.in_person), (ONLINE, row.online)) if on)


@dataclass
class Calendar:
    """What one practitioner's availability is computed from, for a range of days."""

    practitioner: Practitioner
    hours: Hours
    busy: Busy


def calendars_for(
    practitioners: list[Practitioner],
    first_day: dt.date,
    last_day: dt.date,
    *,
    exclude_block: int | None = None,
) -> list[Calendar]:
    """Hours and busy times of these practitioners (weekly_hours prefetched) over the days. 2 queries."""
    ids = [p.pk for p in practitioners]
    exceptions = defaultdict(list)
    for row in DateException.objects.filter(practitioner_id__in=ids, date__range=(first_day, last_day)):
        exceptions[row.practitioner_id].append(row)
    # Blocks reaching into the range, with a day of margin for buffers and long sessions.
    range_start = day_start(first_day) - dt.timedelta(days=1)
    range_end = day_start(last_day) + dt.timedelta(days=2)
    blocks = CalendarBlock.objects.filter(
        practitioner_id__in=ids, active=True, start__lt=range_end, end__gt=range_start
    ).values_list("practitioner_id", "start", "end", "pk")
    busy = defaultdict(list)
    for practitioner_id, start, end, pk in blocks:
        if pk != exclude_block:
            busy[practitioner_id].append((start, end))
    holidays = finnish_holidays(first_day, last_day)
    calendars = []
    for p in practitioners:
        weekly = defaultdict(list)
        for row in p.weekly_hours.all():
            weekly[row.weekday].append(Range(row.start_time, row.end_time, _modalities(row)))
        extra, closed = defaultdict(list), defaultdict(list)
        for row in exceptions[p.pk]:
            if row.kind == DateException.Kind.OPEN:
                extra[row.date].append(Range(row.start_time, row.end_time, _modalities(row)))
            else:
                closed[row.date].append((row.start_time, row.end_time) if row.start_time else None)
        hours = Hours(
            weekly={k: tuple(v) for k, v in weekly.items()},
            extra={k: tuple(v) for k, v in extra.items()},
            closed={k: tuple(v) for k, v in closed.items()},
            holidays=holidays,
        )
        calendars.append(Calendar(p, hours, Busy(busy[p.pk])))
    return calendars


def practitioners_for(session_type: SessionType) -> list[Practitioner]:
    """Active practitioners offering the type, weekly hours prefetched. 2 queries."""
    return list(
        session_type.practitioners.filter(is_active=True)
        .order_by("pk")
        .prefetch_related(
            Prefetch("weekly_hours", queryset=WeeklyHours.objects.order_by("weekday", "start_time"))
        )
    )


def free_slots(
    session_type: SessionType,
    first_day: dt.date,
    last_day: dt.date,
    *,
    modality: str | None = None,
    now: dt.datetime | None = None,
    ignore_notice: bool = False,
    practitioner: Practitioner | None = None,
    exclude_block: int | None = None,
) -> list[Slot]:
    """Free slots of the session type (any of its practitioners, or the one given). 4 queries."""
    now = now or timezone.now()
    # Nothing outside [today, today + horizon] can be free: clamp (also keeps far dates harmless).
    today = now.astimezone(HELSINKI).date()
    first_day = max(first_day, today - dt.timedelta(days=1))
    last_day = min(last_day, today + dt.timedelta(days=session_type.horizon_days + 1))
    if first_day > last_day:
        return []
    practitioners = [practitioner] if practitioner else practitioners_for(session_type)
    rules = rules_for(session_type, ignore_notice=ignore_notice)
    merged: dict[dt.datetime, Slot] = {}
    for calendar in calendars_for(practitioners, first_day, last_day, exclude_block=exclude_block):
        for slot in availability.free_slots(
            hours=calendar.hours,
            busy=calendar.busy,
            rules=rules,
            first_day=first_day,
            last_day=last_day,
            now=now,
            modality=modality,
        ):
            if slot.start in merged:
                both = set(merged[slot.start].modalities) | set(slot.modalities)
                slot = Slot(slot.start, slot.end, tuple(sorted(both)))
            merged[slot.start] = slot
    return [merged[k] for k in sorted(merged)]


def practitioner_free_at(
    session_type: SessionType,
    start: dt.datetime,
    modality: str,
    *,
    now: dt.datetime | None = None,
    ignore_notice: bool = False,
    exclude_block: int | None = None,
    prefer: Practitioner | None = None,
) -> Practitioner | None:
    """The practitioner (the preferred one first) who offers this slot now, or None."""
    day = start.astimezone(HELSINKI).date()
    practitioners = practitioners_for(session_type)
    if prefer is not None:
        practitioners.sort(key=lambda p: p.pk != prefer.pk)
    rules = rules_for(session_type, ignore_notice=ignore_notice)
    for calendar in calendars_for(practitioners, day, day, exclude_block=exclude_block):
        slots = availability.free_slots(
            hours=calendar.hours,
            busy=calendar.busy,
            rules=rules,
            first_day=day,
            last_day=day,
            now=now or timezone.now(),
            modality=modality,
        )
        if any(s.start == start for s in slots):
            return calendar.practitioner
    return None


def nearest_free_slots(
    session_type: SessionType, around: dt.datetime, *, modality: str | None = None, count: int = 3
) -> list[Slot]:
    """The free slots closest in time to `around` (shown to the loser of a race)."""
    day = around.astimezone(HELSINKI).date()
    slots = free_slots(
        session_type, day - dt.timedelta(days=7), day + dt.timedelta(days=21), modality=modality
    )
    return sorted(slots, key=lambda s: abs(s.start - around))[:count]


def bookings_with_details() -> QuerySet[Booking]:
    return Booking.objects.select_related("session_type", "practitioner", "location", "block")


def agenda_for(practitioner: Practitioner, day: dt.date) -> list[Booking]:
    """The practitioner's live bookings of a Helsinki day, in order."""
    start, end = day_bounds(day)
    return list(
        bookings_with_details()
        .filter(
            practitioner=practitioner,
            start__gte=start,
            start__lt=end,
            status__in=[Booking.Status.CONFIRMED, Booking.Status.REQUESTED, Booking.Status.COMPLETED],
        )
        .order_by("start")
    )
