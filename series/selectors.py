"""Supervision series: the times of a plan, checked together, and reads of booked series.

`series_starts` turns a cadence into instants at the same Helsinki wall-clock time (so 14.00 stays
14.00 across the daylight-saving change). `series_check` checks all of a plan's times against one
practitioner's calendar at once (a fixed number of queries, whatever the number of sessions) and
says for each time that is not free why (taken, holiday, closed, outside hours, too soon, too far)
and which free time is nearest to it. A plan may reach SERIES_HORIZON_DAYS ahead, further than a
single booking; every other rule of the session type holds as in the booking flow.
"""

import dataclasses
import datetime as dt
import enum
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bookings import selectors
from bookings.availability import Busy, Rules, Slot, free_slots, open_ranges
from bookings.models import Booking, CalendarBlock, Practitioner, SessionType
from core.time import HELSINKI, day_start, local_datetime

from .models import Series, SeriesSession

ALTERNATIVE_WINDOW = dt.timedelta(days=14)  # how far from a taken time its alternative is looked for
LIVE = (Booking.Status.CONFIRMED, Booking.Status.REQUESTED)
HELD = (Booking.Status.COMPLETED, Booking.Status.NO_SHOW)


class Conflict(enum.StrEnum):
    TAKEN = "taken"
    HOLIDAY = "holiday"
    CLOSED = "closed"
    OUTSIDE_HOURS = "outside_hours"
    TOO_SOON = "too_soon"
    TOO_FAR = "too_far"
    SAME_TIME = "same_time"

    @property
    def label(self) -> str:
        return str(CONFLICT_LABELS[self])


CONFLICT_LABELS = {
    Conflict.TAKEN: _("already taken"),
    Conflict.HOLIDAY: _("a public holiday"),
    Conflict.CLOSED: _("the practice is closed that day"),
    Conflict.OUTSIDE_HOURS: _("outside the working hours"),
    Conflict.TOO_SOON: _("too soon to book"),
    Conflict.TOO_FAR: _("too far ahead"),
    Conflict.SAME_TIME: _("overlaps another session of this series"),
}


def series_starts(first_day: dt.date, time: dt.time, *, weeks: int, count: int) -> list[dt.datetime | None]:
    """`count` instants every `weeks` weeks from `first_day`, each at `time` Helsinki wall-clock
    time; None for a day on which that time does not exist (the skipped hour in March)."""
    return [local_datetime(first_day + dt.timedelta(weeks=weeks * n), time) for n in range(count)]


def series_rules(session_type: SessionType) -> Rules:
    """The session type's rules with a horizon long enough for a series."""
    rules = selectors.rules_for(session_type)
    horizon = max(rules.horizon, dt.timedelta(days=settings.SERIES_HORIZON_DAYS))
    return dataclasses.replace(rules, horizon=horizon)


@dataclass
class PlannedSession:
    number: int
    start: dt.datetime
    end: dt.datetime
    conflict: Conflict | None = None
    alternative: Slot | None = None

    @property
    def free(self) -> bool:
        return self.conflict is None


@dataclass
class Plan:
    session_type: SessionType
    modality: str
    practitioner: Practitioner | None
    sessions: list[PlannedSession]

    @property
    def ok(self) -> bool:
        return self.practitioner is not None and all(s.free for s in self.sessions)

    @property
    def conflicts(self) -> list[PlannedSession]:
        return [s for s in self.sessions if not s.free]

    def with_alternatives(self) -> list[dt.datetime]:
        """The plan's times with each taken one replaced by its alternative (when it has one)."""
        return [s.alternative.start if not s.free and s.alternative else s.start for s in self.sessions]


def _reason(
    calendar: selectors.Calendar,
    busy: Busy,
    rules: Rules,
    start: dt.datetime,
    modality: str,
    now: dt.datetime,
) -> Conflict:
    """Why `start` is not a free slot (called only for times that are not)."""
    end = start + rules.duration
    if start < now + rules.min_notice:
        return Conflict.TOO_SOON
    if start > now + rules.horizon:
        return Conflict.TOO_FAR
    day = start.astimezone(HELSINKI).date()
    hours = calendar.hours
    closed = hours.closed.get(day, ())
    if None in closed:
        return Conflict.CLOSED
    local_start, local_end = start.astimezone(HELSINKI), end.astimezone(HELSINKI)
    fits = any(
        modality in r.modalities and r.start <= local_start.time() and local_end.time() <= r.end
        for r in open_ranges(hours, day)
    )
    if not fits:
        weekly = hours.weekly.get(day.weekday(), ())
        if day in hours.holidays and any(
            r.start <= local_start.time() and local_end.time() <= r.end for r in weekly
        ):
            return Conflict.HOLIDAY
        return Conflict.OUTSIDE_HOURS
    if busy.overlaps(start - rules.buffer_before, end + rules.buffer_after):
        return Conflict.TAKEN
    return Conflict.OUTSIDE_HOURS  # inside the hours but not on the type's grid of start times


def _busy_without(
    practitioners: list[Practitioner], first: dt.datetime, last: dt.datetime, exclude_blocks: set[int]
) -> dict[int, list[tuple[dt.datetime, dt.datetime]]]:
    """Active blocks of the practitioners in the range, except the given ones (a series' own
    sessions when they are being moved). One query."""
    rows = CalendarBlock.objects.filter(
        practitioner__in=practitioners, active=True, start__lt=last, end__gt=first
    ).values_list("practitioner_id", "start", "end", "pk")
    busy: dict[int, list] = {p.pk: [] for p in practitioners}
    for practitioner_id, start, end, pk in rows:
        if pk not in exclude_blocks:
            busy[practitioner_id].append((start, end))
    return busy


def _distance(candidate: dt.datetime, wanted: dt.datetime) -> tuple[int, int, dt.datetime]:
    """How far a free time is from the wanted one: the nearest day first, then the nearest time of
    day on it (a series keeps its rhythm), then the earlier one."""
    a, b = candidate.astimezone(HELSINKI), wanted.astimezone(HELSINKI)
    minutes = abs((a.hour * 60 + a.minute) - (b.hour * 60 + b.minute))
    return abs((a.date() - b.date()).days), minutes, candidate


def _plan_for(
    calendar: selectors.Calendar,
    intervals: list[tuple[dt.datetime, dt.datetime]],
    rules: Rules,
    starts: list[dt.datetime],
    modality: str,
    first_day: dt.date,
    last_day: dt.date,
    now: dt.datetime,
) -> list[PlannedSession]:
    """Checks the starts in order against one practitioner's calendar; each free one becomes busy
    for the next. Then finds the nearest free alternative of each time that is not free."""
    day_slots: dict[dt.date, set[dt.datetime]] = {}
    taken = list(intervals)
    sessions = []
    for number, start in enumerate(starts, 1):
        end = start + rules.duration
        busy = Busy(taken)
        day = start.astimezone(HELSINKI).date()
        if day not in day_slots:
            day_slots[day] = {
                s.start
                for s in free_slots(
                    hours=calendar.hours,
                    busy=Busy(intervals),
                    rules=rules,
                    first_day=day,
                    last_day=day,
                    now=now,
                    modality=modality,
                )
            }
        session = PlannedSession(number, start, end)
        if start in day_slots[day] and not busy.overlaps(
            start - rules.buffer_before, end + rules.buffer_after
        ):
            taken.append((start - rules.buffer_before, end + rules.buffer_after))
        elif start in day_slots[day]:
            session.conflict = Conflict.SAME_TIME
        else:
            session.conflict = _reason(calendar, busy, rules, start, modality, now)
        sessions.append(session)
    if any(not s.free for s in sessions):
        candidates = free_slots(
            hours=calendar.hours,
            busy=Busy(taken),
            rules=rules,
            first_day=first_day,
            last_day=last_day,
            now=now,
            modality=modality,
        )
        for session in sessions:
            if session.free:
                continue
            busy = Busy(taken)
            near = [
                s
                for s in candidates
                if abs(s.start - session.start) <= ALTERNATIVE_WINDOW
                and not busy.overlaps(s.start - rules.buffer_before, s.end + rules.buffer_after)
            ]
            if near:
                session.alternative = min(near, key=lambda s: _distance(s.start, session.start))
                alt = session.alternative
                taken.append((alt.start - rules.buffer_before, alt.end + rules.buffer_after))
    return sessions


def series_check(
    session_type: SessionType,
    modality: str,
    starts: list[dt.datetime],
    *,
    practitioner: Practitioner | None = None,
    exclude_blocks: frozenset[int] | set[int] = frozenset(),
    now: dt.datetime | None = None,
) -> Plan:
    """Checks all the times together for the practitioner given, or for each practitioner of the
    type, keeping the one with the fewest conflicts. `exclude_blocks` count as free (the series'
    own sessions when they are moved). 5 queries whatever the number of times."""
    now = now or timezone.now()
    rules = series_rules(session_type)
    starts = sorted(starts)
    if not starts:
        return Plan(session_type, modality, None, [])
    if practitioner is not None:
        practitioners = [Practitioner.objects.prefetch_related("weekly_hours").get(pk=practitioner.pk)]
    else:
        practitioners = selectors.practitioners_for(session_type)
    if not practitioners:
        sessions = [
            PlannedSession(n, s, s + rules.duration, Conflict.OUTSIDE_HOURS) for n, s in enumerate(starts, 1)
        ]
        return Plan(session_type, modality, None, sessions)
    first_day = starts[0].astimezone(HELSINKI).date() - ALTERNATIVE_WINDOW
    last_day = starts[-1].astimezone(HELSINKI).date() + ALTERNATIVE_WINDOW
    calendars = selectors.calendars_for(practitioners, first_day, last_day)
    margin = dt.timedelta(days=2)
    busy = _busy_without(
        practitioners,
        day_start(first_day) - margin,
        day_start(last_day) + margin,
        set(exclude_blocks),
    )
    best: Plan | None = None
    for calendar in calendars:
        intervals = busy[calendar.practitioner.pk]
        sessions = _plan_for(calendar, intervals, rules, starts, modality, first_day, last_day, now)
        plan = Plan(session_type, modality, calendar.practitioner, sessions)
        if best is None or len(plan.conflicts) < len(best.conflicts):
            best = plan
        if plan.ok:
            break
    return best


# --- booked series ------------------------------------------------------------------------------


def series_with_sessions(pk: int) -> Series:
    """A series with its agreement, type, practitioner and sessions with their bookings (and what
    their calendar files and policies read). 2 queries."""
    sessions = SeriesSession.objects.select_related(
        "booking", "booking__location", "booking__session_type", "booking__practitioner"
    ).order_by("number")
    return (
        Series.objects.select_related("agreement", "session_type", "practitioner", "agreement__location")
        .prefetch_related(Prefetch("sessions", queryset=sessions))
        .get(pk=pk)
    )


@dataclass
class Counts:
    used: int  # held (completed, no-show, or confirmed and over)
    left: int  # live and still to come
    cancelled: int
    total: int


def series_counts(series: Series, now: dt.datetime | None = None) -> Counts:
    """Sessions used and left, from the prefetched sessions (no query)."""
    now = now or timezone.now()
    used = left = cancelled = 0
    for session in series.sessions.all():
        booking = session.booking
        if booking.status in HELD or (booking.status in LIVE and booking.end <= now):
            used += 1
        elif booking.status in LIVE:
            left += 1
        else:
            cancelled += 1
    return Counts(used=used, left=left, cancelled=cancelled, total=used + left + cancelled)


def series_for_admin() -> QuerySet[Series]:
    return Series.objects.select_related("agreement", "session_type", "practitioner")
