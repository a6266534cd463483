"""Parsing external calendars (pure): `busy_intervals` expands recurring events (RRULE, RDATE,
EXDATE, RECURRENCE-ID overrides, all-day events, TZID, floating times read as Helsinki time) with
`recurring-ical-events` and keeps only start and end of what is busy. `merge`, `subtract` and
`assign` are the interval arithmetic that the sync action uses to turn those into non-overlapping
calendar blocks.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator

import icalendar
import recurring_ical_events
from django.utils.translation import gettext_lazy as _

from core.time import HELSINKI

from .exceptions import SyncError

Interval = tuple[dt.datetime, dt.datetime]

MAX_OCCURRENCES = 20_000  # events in the window; a runaway RRULE (FREQ=SECONDLY…) must not hang a worker
# UIDs that our own calendar files carry (bookings/ics.py, events, mediation): never imported back.
OWN_UID_PREFIXES = ("booking-", "event-", "mediation-")


def own_uid_check(host: str) -> Callable[[str], bool]:
    """Whether a UID is one of this site's own calendar files (e.g. booking-<uuid>@host)."""
    suffix = f"@{host}".lower()

    def is_own(uid: str) -> bool:
        uid = uid.lower()
        return uid.endswith(suffix) and uid.startswith(OWN_UID_PREFIXES)

    return is_own


def _utc(value: dt.date | dt.datetime) -> dt.datetime:
    """All-day dates begin at Helsinki midnight; floating times are Helsinki wall-clock time."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(0))
    if value.tzinfo is None:
        value = value.replace(tzinfo=HELSINKI)
    return value.astimezone(dt.UTC)


def _is_busy(event, is_own: Callable[[str], bool]) -> bool:
    if str(event.get("TRANSP", "")).upper() == "TRANSPARENT":
        return False
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return False
    if str(event.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() == "FREE":
        return False
    return not is_own(str(event.get("UID", "")))


def _calendars(data: bytes) -> list:
    try:
        calendars = icalendar.Calendar.from_ical(data.lstrip(b"\xef\xbb\xbf \t\r\n"), multiple=True)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise SyncError(_("The answer is not iCalendar data.")) from exc
    if not calendars or any(c.name != "VCALENDAR" for c in calendars):
        raise SyncError(_("The answer is not iCalendar data."))
    return calendars


def _occurrences(calendar, start: dt.datetime, end: dt.datetime) -> Iterator:
    """Every occurrence of every event in the span, lazily (so that a runaway rule can be cut off)."""
    try:
        query = recurring_ical_events.of(calendar, skip_bad_series=True)
    except Exception as exc:  # e.g. a non-Gregorian calendar: the library's errors vary
        raise SyncError(_("The answer is not iCalendar data.")) from exc
    for series in query.series:
        try:
            yield from series.between(start, end)
        except Exception:  # noqa: S112  one broken event (bad RRULE, bad date) must not hide the rest
            continue


def _free_busy_intervals(calendar) -> Iterator[Interval]:
    """VFREEBUSY periods (some servers publish only these): every FBTYPE but FREE is busy."""
    for component in calendar.walk("VFREEBUSY"):
        periods = component.get("FREEBUSY", [])
        for period in periods if isinstance(periods, list) else [periods]:
            if str(period.params.get("FBTYPE", "BUSY")).upper() == "FREE":
                continue
            start, end = period.dt
            start = _utc(start)
            yield start, start + end if isinstance(end, dt.timedelta) else _utc(end)


def busy_intervals(
    documents: Iterable[bytes],
    *,
    start: dt.datetime,
    end: dt.datetime,
    is_own: Callable[[str], bool] = lambda uid: False,
) -> list[Interval]:
    """The busy time of the calendar documents within [start, end): merged UTC intervals.

    Transparent ("free") and cancelled events and the site's own UIDs are left out. Raises
    SyncError if a document is not iCalendar data or expands to more than MAX_OCCURRENCES.
    """
    span = start.astimezone(HELSINKI), end.astimezone(HELSINKI)
    found: list[Interval] = []
    seen = 0
    for data in documents:
        for calendar in _calendars(data):
            for occurrence in _occurrences(calendar, *span):
                seen += 1
                if seen > MAX_OCCURRENCES:
                    raise SyncError(
                        _("The calendar has more than %(count)s events in the coming days.")
                        % {"count": MAX_OCCURRENCES}
                    )
                if _is_busy(occurrence.as_component(False), is_own):
                    found.append((_utc(occurrence.start), _utc(occurrence.end)))
            found.extend(_free_busy_intervals(calendar))
    clipped = [(max(s, start), min(e, end)) for s, e in found]
    return merge([(s, e) for s, e in clipped if s < e])


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with overlapping or touching intervals joined."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(intervals: Iterable[Interval], taken: Iterable[Interval]) -> list[Interval]:
    """The parts of `intervals` that no interval of `taken` covers (both may be unsorted)."""
    taken = merge(taken)
    result: list[Interval] = []
    for start, end in merge(intervals):
        for t_start, t_end in taken:
            if t_end <= start or t_start >= end:
                continue
            if t_start > start:
                result.append((start, t_start))
            start = max(start, t_end)
            if start >= end:
                break
        if start < end:
            result.append((start, end))
    return result


def assign(
    sources: Iterable[tuple[int, list[Interval]]], taken: Iterable[Interval]
) -> list[tuple[int, Interval]]:
    """Splits the busy time of several sources into non-overlapping pieces, each owned by one source.

    `taken` (the site's own blocks) is left free of pieces; where sources overlap, the first
    source in the given order owns the shared time. The pieces together cover exactly the union of
    the sources minus `taken`.
    """
    covered = merge(taken)
    pieces: list[tuple[int, Interval]] = []
    for source_id, intervals in sources:
        own = subtract(intervals, covered)
        pieces.extend((source_id, piece) for piece in own)
        covered = merge([*covered, *own])
    return pieces
