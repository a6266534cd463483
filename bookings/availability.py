"""Free slots from working hours, exceptions, holidays and taken blocks. Pure: no ORM, no I/O.

Wall-clock rules (weekly hours, slot starts) are applied in Europe/Helsinki and converted to aware
datetimes at the end, so a slot at 09.00 stays at 09.00 across daylight-saving changes and always
lasts exactly its duration. A local time that does not exist (the skipped hour in March) is never
offered; an ambiguous one (the repeated hour in October) is offered once, at its first occurrence.
"""

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import holidays

from core.time import HELSINKI, UTC, local_datetime

IN_PERSON, ONLINE = "in_person", "online"


@dataclass(frozen=True)
class Range:
    """Local wall-clock hours on some day, for some modalities."""

    start: dt.time
    end: dt.time
    modalities: frozenset[str] = frozenset({IN_PERSON, ONLINE})


@dataclass(frozen=True)
class Hours:
    """One practitioner's rules for which days and hours are open."""

    weekly: dict[int, tuple[Range, ...]] = field(default_factory=dict)  # weekday (0 = Monday) → ranges
    extra: dict[dt.date, tuple[Range, ...]] = field(
        default_factory=dict
    )  # date → extra hours (opens holidays)
    closed: dict[dt.date, tuple[tuple[dt.time, dt.time] | None, ...]] = field(
        default_factory=dict
    )  # date → closed ranges; None closes the whole day
    holidays: frozenset[dt.date] = frozenset()


@dataclass(frozen=True)
class Rules:
    """What a session type asks of a slot."""

    duration: dt.timedelta
    step: dt.timedelta
    buffer_before: dt.timedelta = dt.timedelta(0)
    buffer_after: dt.timedelta = dt.timedelta(0)
    min_notice: dt.timedelta = dt.timedelta(0)
    horizon: dt.timedelta = dt.timedelta(days=90)
    modalities: frozenset[str] = frozenset({IN_PERSON, ONLINE})


@dataclass(frozen=True, order=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    modalities: tuple[str, ...] = ()


class Busy:
    """Taken intervals [start, end) sorted for fast overlap questions."""

    def __init__(self, intervals: Iterable[tuple[dt.datetime, dt.datetime]]):
        merged: list[list[dt.datetime]] = []
        for start, end in sorted(intervals):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def overlaps(self, start: dt.datetime, end: dt.datetime) -> bool:
        # The last merged interval starting before `end` is the only candidate.
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start


@cache
def _holidays_of_year(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.Finland(years=year))


def finnish_holidays(first_day: dt.date, last_day: dt.date) -> frozenset[dt.date]:
    """Finnish public holidays between the two dates (both included)."""
    days: set[dt.date] = set()
    for year in range(first_day.year, last_day.year + 1):
        days |= {d for d in _holidays_of_year(year) if first_day <= d <= last_day}
    return frozenset(days)


def _steady_offset(day: dt.date) -> dt.timedelta | None:
    """Helsinki's UTC offset all through `day`, or None on a day the clocks change."""
    first = dt.datetime.combine(day, dt.time(0), tzinfo=HELSINKI).utcoffset()
    last = dt.datetime.combine(day, dt.time(23, 59), tzinfo=HELSINKI).utcoffset()
    return first if first == last else None


def _subtract(ranges: Sequence[Range], closed: Sequence[tuple[dt.time, dt.time]]) -> list[Range]:
    result = list(ranges)
    for c_start, c_end in closed:
        pieces = []
        for r in result:
            if c_end <= r.start or c_start >= r.end:
                pieces.append(r)
                continue
            if r.start < c_start:
                pieces.append(Range(r.start, c_start, r.modalities))
            if c_end < r.end:
                pieces.append(Range(c_end, r.end, r.modalities))
        result = pieces
    return result


def open_ranges(hours: Hours, day: dt.date) -> list[Range]:
    """The hours open on `day`: the week's hours (not on holidays), plus extra hours, minus closures."""
    closed = hours.closed.get(day, ())
    if None in closed:
        return []
    ranges = [] if day in hours.holidays else list(hours.weekly.get(day.weekday(), ()))
    ranges += hours.extra.get(day, ())
    return _subtract(ranges, [c for c in closed if c is not None])


def free_slots(
    *,
    hours: Hours,
    busy: Busy,
    rules: Rules,
    first_day: dt.date,
    last_day: dt.date,
    now: dt.datetime,
    modality: str | None = None,
) -> list[Slot]:
    """Free slots whose local start date is within [first_day, last_day], in start order.

    A slot is offered when it fits inside one open range (by wall clock), its modalities meet the
    session type's (and `modality`, if asked), it starts no sooner than now + minimum notice and
    no later than now + horizon, and with its buffers it overlaps nothing busy.
    """
    earliest = now + rules.min_notice
    latest = now + rules.horizon
    wanted = rules.modalities if modality is None else rules.modalities & {modality}
    found: dict[dt.datetime, Slot] = {}
    day = first_day
    while day <= last_day:
        # Most days keep one UTC offset: a wall-clock time is then plain arithmetic; on the two days
        # a year the clocks change, each time goes through local_datetime (a skipped time is None).
        offset = _steady_offset(day)
        for r in open_ranges(hours, day):
            modalities = tuple(sorted(r.modalities & wanted))
            if not modalities:
                continue
            range_end = local_datetime(day, r.end) or local_datetime(day, _next_existing(r.end))
            cursor = dt.datetime.combine(day, r.start)
            stop = dt.datetime.combine(day, r.end)
            while cursor < stop:
                if cursor.date() != day:
                    start = None
                elif offset is not None:
                    start = (cursor - offset).replace(tzinfo=UTC)
                else:
                    start = local_datetime(day, cursor.time())
                cursor += rules.step
                if start is None:
                    continue
                end = start + rules.duration
                if end > range_end or start < earliest or start > latest:
                    continue
                if busy.overlaps(start - rules.buffer_before, end + rules.buffer_after):
                    continue
                slot = found.get(start)
                merged = modalities if slot is None else tuple(sorted(set(slot.modalities) | set(modalities)))
                found[start] = Slot(start, end, merged)
        day += dt.timedelta(days=1)
    return [found[k] for k in sorted(found)]


def _next_existing(time: dt.time) -> dt.time:
    """The end of a range that falls in the skipped hour moves to the end of that hour."""
    return dt.time(time.hour + 1 if time.hour < 23 else 23, 0 if time.hour < 23 else 59)
