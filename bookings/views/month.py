"""The month view and the times of a day: the calendar components of the booking flow and of
rescheduling through the personal link. Days and times come from bookings.selectors.free_slots
(four queries whatever the calendar holds); links are made by the caller."""

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS, MONTHS_3, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.formats import format_date, format_time, iso_month
from core.time import HELSINKI

from .. import selectors
from ..availability import Slot
from ..cache import calendar_version
from ..forms import parse_day, parse_month
from ..models import SessionType


def _today() -> dt.date:
    return timezone.now().astimezone(HELSINKI).date()


def bookable_days(session_type: SessionType) -> tuple[dt.date, dt.date]:
    """The first and last Helsinki dates that can have free times (horizon included)."""
    now = timezone.now()
    return _today(), (now + dt.timedelta(days=session_type.horizon_days)).astimezone(HELSINKI).date()


def month_title(first: dt.date) -> str:
    return f"{capfirst(str(MONTHS[first.month]))} {first.year}"


@dataclass
class Day:
    date: dt.date
    label: str  # "ti 24.11.2026"
    count: int
    url: str | None
    today: bool


@dataclass
class MonthView:
    first: dt.date
    title: str
    weeks: list[list[Day | None]]
    previous_url: str | None
    previous_title: str
    next_url: str | None
    next_title: str
    free_days: int


def _add_months(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_range(first: dt.date) -> tuple[dt.date, dt.date]:
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def free_month(
    session_type: SessionType,
    month: dt.date | None,
    *,
    modality: str,
    exclude_block: int | None = None,
) -> tuple[dt.date, list[Slot]]:
    """The month to show and its free slots. Without a month asked for: this month, or the next
    one when this one has no free times left. One slot computation (4 queries) either way."""
    first_bookable, last_bookable = bookable_days(session_type)
    this_month = first_bookable.replace(day=1)
    if month is None:
        last = min(month_range(_add_months(this_month, 1))[1], last_bookable)
        slots = selectors.free_slots(
            session_type, first_bookable, last, modality=modality, exclude_block=exclude_block
        )
        if slots and slots[0].start.astimezone(HELSINKI).date() >= _add_months(this_month, 1):
            month = _add_months(this_month, 1)
        else:
            month = this_month
        start, end = month_range(month)
        return month, [s for s in slots if start <= s.start.astimezone(HELSINKI).date() <= end]
    start, end = month_range(month)
    start, end = max(start, first_bookable), min(end, last_bookable)
    if start > end:
        return month, []
    return month, selectors.free_slots(
        session_type, start, end, modality=modality, exclude_block=exclude_block
    )


def month_view(
    session_type: SessionType,
    month: dt.date,
    slots: list[Slot],
    *,
    day_url: Callable[[dt.date], str],
    month_url: Callable[[dt.date], str],
) -> MonthView:
    """A calendar of `month` (weeks from Monday): days with free times link to `day_url`."""
    counts = Counter(s.start.astimezone(HELSINKI).date() for s in slots)
    today = _today()
    first_bookable, last_bookable = bookable_days(session_type)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        weeks.append(
            [
                Day(
                    date=d,
                    label=format_date(d),
                    count=counts[d],
                    url=day_url(d) if counts[d] else None,
                    today=d == today,
                )
                if d.month == month.month
                else None
                for d in week
            ]
        )
    previous, following = _add_months(month, -1), _add_months(month, 1)
    return MonthView(
        first=month,
        title=month_title(month),
        weeks=weeks,
        previous_url=month_url(previous) if previous >= first_bookable.replace(day=1) else None,
        previous_title=month_title(previous),
        next_url=month_url(following) if following <= last_bookable else None,
        next_title=month_title(following),
        free_days=len(counts),
    )


MONTH_CACHE_SECONDS = 120  # the key changes every minute anyway; this only bounds what Redis keeps


@dataclass
class RenderedMonth:
    """The visitor-independent part of a month page: the month shown, its grid as HTML and what
    static/js/booking.js needs. Links in it carry only the session type, modality and dates."""

    first: dt.date
    grid: SafeString  # rendered (and escaped) by the template engine; pickled as SafeString
    script_config: dict


def month_cache_key(session_type: SessionType, month: dt.date | None, *, modality: str) -> str:
    """The cache key of a month for everyone: session type, modality, month asked for, language,
    calendar_version() and the current minute."""
    minute = timezone.now().replace(second=0, microsecond=0)
    return (
        f"bookings:month:{session_type.pk}:{session_type.slug}:{modality}:"
        f"{month.isoformat() if month else 'first'}:{translation.get_language()}:"
        f"{calendar_version()}:{minute.isoformat()}"
    )


def cached_month(
    session_type: SessionType,
    month: dt.date | None,
    *,
    modality: str,
    build: Callable[[dt.date, list[Slot]], tuple[MonthView, dict]],
) -> RenderedMonth:
    """free_month + month_view + the rendered grid, shared by every visitor for a minute.

    Keyed like the availability API (bookings/api.py): session type, modality, month asked for,
    language, calendar_version() (bumped when any block changes commits, so a booking or
    cancellation shows at once) and the current minute (minimum notice moves with the clock).
    `build(shown, slots)` makes the MonthView and script config on a miss. Nothing of the
    visitor (session, CSRF, messages, query string) may go in: use it only for pages that are
    the same for everyone (not the reschedule month, whose links carry a personal token)."""
    key = month_cache_key(session_type, month, modality=modality)
    rendered = cache.get(key)
    if rendered is None:
        shown, slots = free_month(session_type, month, modality=modality)
        view, config = build(shown, slots)
        grid = render_to_string(
            "bookings/partials/month.html", {"month": view, "weekdays": weekday_headers()}
        )
        rendered = RenderedMonth(first=shown, grid=grid, script_config=config)
        cache.set(key, rendered, timeout=MONTH_CACHE_SECONDS)
    return rendered


def weekday_headers() -> list[tuple[str, str]]:
    """(short, full) weekday names from Monday, in the page language."""
    return [(str(WEEKDAYS_ABBR[i]), str(WEEKDAYS[i])) for i in range(7)]


def month_in_range(session_type: SessionType, value: str | None) -> dt.date | None:
    """A month of the query string (YYYY-MM) that can have free times, or None."""
    month = parse_month(value)
    first, last = bookable_days(session_type)
    return month if month is not None and first.replace(day=1) <= month <= last else None


def day_in_range(session_type: SessionType, value: str | None) -> dt.date | None:
    """A date of the query string that can have free times, or None."""
    day = parse_day(value)
    first, last = bookable_days(session_type)
    return day if day is not None and first <= day <= last else None


@dataclass
class Time:
    start: dt.datetime
    end: dt.datetime
    label: str  # "14.00"
    url: str


def times_of(slots: list[Slot], url: Callable[[dt.datetime], str]) -> list[Time]:
    return [Time(s.start, s.end, format_time(s.start), url(s.start)) for s in slots]


def script_config(
    session_type: SessionType, month: MonthView, *, modality: str, month_url: str, day_url: str, time_url: str
) -> dict:
    """What static/js/booking.js needs to show another month or a day's times in place from the
    public availability API: the URLs to build links with (each ends where its value goes) and
    the texts, translated. The page works the same without it."""
    first_bookable, last_bookable = bookable_days(session_type)
    return {
        "api": reverse("api:availability"),
        "sessionType": session_type.slug,
        "modality": modality,
        "lang": translation.get_language(),
        "today": first_bookable.isoformat(),
        "lastDay": last_bookable.isoformat(),
        "month": iso_month(month.first),
        "monthUrl": month_url,
        "dayUrl": day_url,
        "timeUrl": time_url,
        "months": [capfirst(str(MONTHS[i])) for i in range(1, 13)],
        "monthsShort": [str(MONTHS_3[i]).capitalize() for i in range(1, 13)],
        "weekdays": [short for short, _full in weekday_headers()],
        "text": {
            "one": ngettext("%(counter)s free time", "%(counter)s free times", 1) % {"counter": "{n}"},
            "many": ngettext("%(counter)s free time", "%(counter)s free times", 2) % {"counter": "{n}"},
            "none": _("no free times"),
            "today": _("today"),
            "daysOne": ngettext("%(days)s day with free times.", "%(days)s days with free times.", 1)
            % {"days": "{n}"},
            "daysMany": ngettext("%(days)s day with free times.", "%(days)s days with free times.", 2)
            % {"days": "{n}"},
            "noDays": _("No free times this month."),
            "previous": _("Previous month"),
            "next": _("Next month"),
            "timesHeading": _("Free times on %(day)s") % {"day": "{day}"},
            "noTimes": _("No free times on this day any more. Please choose another day."),
        },
    }
