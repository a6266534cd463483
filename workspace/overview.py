"""The figures of the workspace's overview, and the geometry of their small SVG charts.

For a period (this month and the next): booked hours against available hours per week, bookings
by service, cancellations and no-shows per month, and the check-in ratings. Six queries whatever
the period holds: weekly hours, exceptions and busy times (selectors.calendars_for), the period's
blocks, one aggregate of bookings per service and month, and one of ratings.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from bookings import selectors
from bookings.availability import Hours, open_ranges
from bookings.models import Booking, CalendarBlock, Feedback, Practitioner, ServiceKind, WeeklyHours
from core.time import day_bounds, day_start, local_datetime

TAKEN = (
    CalendarBlock.Kind.BOOKING,
    CalendarBlock.Kind.HOLD,
    CalendarBlock.Kind.EVENT,
    CalendarBlock.Kind.MEDIATION,
)
LIVE = (Booking.Status.REQUESTED, Booking.Status.CONFIRMED, Booking.Status.COMPLETED, Booking.Status.NO_SHOW)
HOUR = Decimal(3600)
CHART_WIDTH = 320  # the SVG's own units; CSS scales it


@dataclass
class Week:
    label: str
    first: dt.date
    last: dt.date
    available: Decimal  # hours
    booked: Decimal

    @property
    def utilisation(self) -> int | None:
        """Booked as a whole percentage of available, or None when nothing was open."""
        return round(self.booked * 100 / self.available) if self.available else None


@dataclass
class Month:
    first: dt.date
    bookings: int
    cancelled: int
    declined: int
    no_show: int


@dataclass
class Bar:
    label: str
    value: float
    y: float
    width: float
    text: str = ""
    back_width: float | None = None  # a lighter bar behind (available hours)


@dataclass
class Chart:
    bars: list[Bar]

    @property
    def height(self) -> int:
        return max(20, 20 * len(self.bars))


@dataclass
class Figures:
    weeks: list[Week]
    by_service: list[tuple[str, int]]
    months: list[Month]
    ratings: list[tuple[int, int]]  # (stars, answers), 5 first
    charts: dict[str, Chart] = field(default_factory=dict)

    @property
    def rating_count(self) -> int:
        return sum(n for _stars, n in self.ratings)

    @property
    def rating_average(self) -> Decimal | None:
        if not self.rating_count:
            return None
        return (Decimal(sum(s * n for s, n in self.ratings)) / self.rating_count).quantize(Decimal("0.1"))

    @property
    def totals(self) -> tuple[Decimal, Decimal, int | None]:
        available = sum((w.available for w in self.weeks), Decimal(0))
        booked = sum((w.booked for w in self.weeks), Decimal(0))
        return available, booked, round(booked * 100 / available) if available else None


def _hours(seconds: float) -> Decimal:
    return (Decimal(seconds) / HOUR).quantize(Decimal("0.1"))


def _overlap(start, end, intervals) -> float:
    return sum(max(0.0, (min(end, e) - max(start, s)).total_seconds()) for s, e in intervals)


def _open_seconds(hours: Hours, day: dt.date, time_off) -> float:
    """Seconds open on the day by the wall clock, less time off within them."""
    total = 0.0
    for r in open_ranges(hours, day):
        start = local_datetime(day, r.start)
        end = local_datetime(day, r.end) if r.end != dt.time(0) else None
        if start is None or end is None:  # a range starting in the skipped hour of spring: rare
            continue
        total += (end - start).total_seconds() - _overlap(start, end, time_off)
    return total


def figures(first: dt.date, last: dt.date, *, practitioners: list[Practitioner]) -> Figures:
    """The period's figures for these practitioners (together)."""
    ids = [p.pk for p in practitioners]
    with_hours = list(
        Practitioner.objects.filter(pk__in=ids).prefetch_related(
            Prefetch("weekly_hours", queryset=WeeklyHours.objects.order_by("weekday", "start_time"))
        )
    )
    calendars = selectors.calendars_for(with_hours, first, last) if with_hours else []
    period_start, period_end = day_bounds(first, last)
    blocks = list(
        CalendarBlock.objects.filter(
            practitioner_id__in=ids, active=True, start__lt=period_end, end__gt=period_start
        ).values_list("practitioner_id", "kind", "start", "end", "booking__start", "booking__end")
    )
    time_off = {pid: [] for pid in ids}
    sessions = []  # (start, end) of the time actually booked: sessions without their buffers
    for pid, kind, start, end, b_start, b_end in blocks:
        if kind == CalendarBlock.Kind.TIME_OFF:
            time_off[pid].append((start, end))
        elif kind in TAKEN:
            sessions.append((b_start or start, b_end or end))

    weeks = []
    monday = first - dt.timedelta(days=first.weekday())
    while monday <= last:
        w_first, w_last = max(monday, first), min(monday + dt.timedelta(days=6), last)
        open_seconds = sum(
            _open_seconds(c.hours, w_first + dt.timedelta(days=i), time_off[c.practitioner.pk])
            for c in calendars
            for i in range((w_last - w_first).days + 1)
        )
        w_start, w_end = day_bounds(w_first, w_last)
        booked = sum(
            (min(e, w_end) - max(s, w_start)).total_seconds()
            for s, e in sessions
            if s < w_end and e > w_start
        )
        weeks.append(
            Week(
                label=_("Week %(number)s") % {"number": monday.isocalendar().week},
                first=w_first,
                last=w_last,
                available=_hours(open_seconds),
                booked=_hours(booked),
            )
        )
        monday += dt.timedelta(days=7)

    months_first = [first]
    while (nxt := (months_first[-1].replace(day=28) + dt.timedelta(days=4)).replace(day=1)) <= last:
        months_first.append(nxt)
    bounds = [
        (m, day_start(m), day_start(n))
        for m, n in zip(
            months_first,
            [*months_first[1:], last + dt.timedelta(days=1)],
            strict=True,
        )
    ]
    aggregates = {}
    for i, (_m, start, end) in enumerate(bounds):
        in_month = Q(start__gte=start, start__lt=end)
        aggregates[f"b{i}"] = Count("pk", filter=in_month & Q(status__in=LIVE))
        for status in (Booking.Status.CANCELLED, Booking.Status.DECLINED, Booking.Status.NO_SHOW):
            aggregates[f"{status}{i}"] = Count("pk", filter=in_month & Q(status=status))
    in_period = Booking.objects.filter(practitioner_id__in=ids, start__gte=period_start, start__lt=period_end)
    service_rows = list(
        in_period.values("session_type__service").annotate(
            n=Count("pk", filter=Q(status__in=LIVE)), **aggregates
        )
    )
    labels = dict(ServiceKind.choices)
    by_service = sorted(
        (
            (str(labels.get(row["session_type__service"], row["session_type__service"])), row["n"])
            for row in service_rows
        ),
        key=lambda pair: (-pair[1], pair[0]),
    )
    months = [
        Month(
            first=m,
            bookings=sum(r[f"b{i}"] for r in service_rows),
            cancelled=sum(r[f"cancelled{i}"] for r in service_rows),
            declined=sum(r[f"declined{i}"] for r in service_rows),
            no_show=sum(r[f"no_show{i}"] for r in service_rows),
        )
        for i, (m, _s, _e) in enumerate(bounds)
    ]
    counted = dict(
        Feedback.objects.filter(
            booking__practitioner_id__in=ids, booking__start__gte=period_start, booking__start__lt=period_end
        )
        .values_list("rating")
        .annotate(n=Count("pk"))
    )
    ratings = [(stars, counted.get(stars, 0)) for stars in range(5, 0, -1)]
    result = Figures(weeks=weeks, by_service=by_service, months=months, ratings=ratings)
    result.charts = _charts(result)
    return result


def _bars(rows: list[tuple[str, float]], *, scale_to: float, text=str, backs=None) -> Chart:
    """Horizontal bars, one per row, 20 units apart, as wide as their value on a common scale."""
    top = max(scale_to, 1)
    bars = []
    for i, (label, value) in enumerate(rows):
        back = None if backs is None else CHART_WIDTH * float(backs[i]) / top
        bars.append(
            Bar(
                label=label,
                value=value,
                y=i * 20,
                width=CHART_WIDTH * float(value) / top,
                text=text(value),
                back_width=back,
            )
        )
    return Chart(bars)


def _charts(f: Figures) -> dict[str, Chart]:
    most_hours = max((float(w.available) for w in f.weeks), default=0) or max(
        (float(w.booked) for w in f.weeks), default=0
    )
    return {
        "utilisation": _bars(
            [(w.label, float(w.booked)) for w in f.weeks],
            scale_to=max(most_hours, max((float(w.booked) for w in f.weeks), default=0)),
            backs=[w.available for w in f.weeks],
            text=lambda v: f"{number_format(v, 1)} h",
        ),
        "services": _bars(f.by_service, scale_to=max((n for _l, n in f.by_service), default=0)),
        "ratings": _bars(
            [(f"{stars}/5", n) for stars, n in f.ratings], scale_to=max((n for _s, n in f.ratings), default=0)
        ),
        "cancellations": _bars(
            [
                (_("Cancelled"), sum(m.cancelled for m in f.months)),
                (_("Declined"), sum(m.declined for m in f.months)),
                (_("No-show"), sum(m.no_show for m in f.months)),
            ],
            scale_to=max(sum(m.bookings + m.cancelled + m.declined for m in f.months), 0),
        ),
    }
