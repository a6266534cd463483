"""What the workspace's calendar and agenda draw, read in a fixed number of queries.

Everything that takes a practitioner's time owns an active CalendarBlock, so one query over the
blocks of a range (with each block's owner joined) finds bookings, requests, time off, events and
mediation meetings alike. Owners other than bookings and time off are described generically from
their own fields (the block's one-to-one relations), so bookings never imports the apps that own
them: a mediation meeting shows its case and stage because the meeting has those fields.

Times are laid out in Helsinki wall-clock time: a 9.00 session sits on the 9.00 row on both
sides of a daylight-saving change.
"""

import datetime as dt
import math
from dataclasses import dataclass, field
from functools import cache

import holidays
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bookings import selectors
from bookings.access import practitioner_of
from bookings.availability import Hours, Range, finnish_holidays, open_ranges
from bookings.models import Booking, CalendarBlock, Practitioner, TimeOff
from core.time import HELSINKI, day_bounds
from privacy.access import Rule, may

ROW = dt.timedelta(minutes=15)  # one row of the day's grid
DEFAULT_FIRST_HOUR, DEFAULT_LAST_HOUR = 8, 17
MAX_LANES = 4
PLACE_FIELDS = ("place", "address", "meeting_url", "url")  # shown as "where" on the agenda
_HOLIDAY_LANGUAGES = {"fi": "fi", "sv": "sv_FI", "en": "en_US"}


@dataclass
class Item:
    """One thing in the calendar: a booking, a request, time off, an event, a meeting."""

    block: CalendarBlock
    start: dt.datetime
    end: dt.datetime
    kind: str
    kind_label: str
    title: str
    subtitle: str = ""
    url: str = ""
    status: str = ""
    status_label: str = ""
    booking: Booking | None = None
    details: list[tuple[str, str]] = field(default_factory=list)
    place: str = ""
    link: str = ""  # a video meeting link

    @property
    def markable(self) -> bool:
        """A session that has begun can be marked completed or no-show."""
        return (
            self.booking is not None
            and self.booking.status
            in (Booking.Status.CONFIRMED, Booking.Status.COMPLETED, Booking.Status.NO_SHOW)
            and self.booking.start <= timezone.now()
        )

    @property
    def css(self) -> str:
        return f"kind-{self.kind}" + (f" status-{self.status}" if self.status else "")


@dataclass
class Placed:
    """An item's piece on one day: its rows in the day's grid, or the all-day strip."""

    item: Item
    start: dt.datetime  # local, clipped to the day
    end: dt.datetime
    all_day: bool = False
    row: int = 1
    span: int = 1
    lane: int = 1

    @property
    def position(self) -> str:
        return f"r{self.row} s{self.span} l{self.lane}"


@dataclass
class Day:
    date: dt.date
    hours: list[Range] = field(default_factory=list)
    hour_rows: list[tuple[int, int]] = field(default_factory=list)  # (row, span) of each open range
    holiday: str = ""
    is_today: bool = False
    in_month: bool = True
    placed: list[Placed] = field(default_factory=list)
    lanes: int = 1

    @property
    def timed(self) -> list[Placed]:
        return [p for p in self.placed if not p.all_day]

    @property
    def all_day(self) -> list[Placed]:
        return [p for p in self.placed if p.all_day]

    @property
    def items(self) -> list[Item]:
        return [p.item for p in self.placed]


@dataclass
class Sheet:
    """A range of days laid out: the week view, the month view or one day's agenda."""

    days: list[Day]
    first_hour: int
    last_hour: int
    hours_shown: bool  # working hours drawn (one practitioner in view)

    @property
    def axis(self) -> list[tuple[int, str]]:
        return [(1 + 4 * i, f"{h:02d}.00") for i, h in enumerate(range(self.first_hour, self.last_hour))]

    @property
    def rows(self) -> int:
        return 4 * (self.last_hour - self.first_hour)

    @property
    def weeks(self) -> list[list[Day]]:
        return [self.days[i : i + 7] for i in range(0, len(self.days), 7)]


# --- reading -------------------------------------------------------------------------------------


@cache
def _owner_relations() -> tuple[tuple[str, type[models.Model], tuple[str, ...]], ...]:
    """(accessor, model, its own foreign keys) of every owner of a block but bookings and time off."""
    found = []
    for rel in CalendarBlock._meta.related_objects:
        if not rel.one_to_one or rel.related_model in (Booking, TimeOff):
            continue
        model = rel.related_model
        fks = tuple(
            f.name
            for f in model._meta.concrete_fields
            if f.is_relation and (f.many_to_one or f.one_to_one) and f.related_model is not CalendarBlock
        )
        found.append((rel.get_accessor_name(), model, fks))
    return tuple(found)


def blocks_between(start: dt.datetime, end: dt.datetime, practitioners: list[Practitioner]):
    """Active blocks reaching into [start, end) with their owners joined. One query."""
    related = ["practitioner", "booking__session_type", "booking__location", "time_off"]
    for accessor, _model, fks in _owner_relations():
        related += [accessor, *(f"{accessor}__{fk}" for fk in fks)]
    return (
        CalendarBlock.objects.filter(
            practitioner__in=practitioners, active=True, start__lt=end, end__gt=start
        )
        .select_related(*related)
        .order_by("start", "pk")
    )


def _owner(block: CalendarBlock):
    for accessor, _model, _fks in _owner_relations():
        try:
            return getattr(block, accessor)
        except models.ObjectDoesNotExist:
            continue
    return None


def _admin_url(site, request, obj) -> str:
    model_admin = site._registry.get(type(obj))
    if model_admin is None or not model_admin.has_view_or_change_permission(request):
        return ""
    try:
        return reverse(f"{site.name}:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def _may_see_details(user, block: CalendarBlock, owner) -> bool:
    """Mediation is confidential: a meeting says more than "a meeting" only to whom privacy.access
    shows its case (its mediator now, not whose calendar its time is in; a superuser's overview)."""
    if block.kind != CalendarBlock.Kind.MEDIATION:
        return True
    return may(user, Rule.CASE_OVERVIEW, owner.case)


def _describe_owner(owner, fks: tuple[str, ...]) -> tuple[str, list[tuple[str, str]], str]:
    """(subtitle, details, place) of an owner from its own fields."""
    details, related = [], []
    for name in fks:
        target = getattr(owner, name)
        if target is not None and not isinstance(target, Practitioner):
            details.append((str(owner._meta.get_field(name).verbose_name), str(target)))
            related.append(str(target))
    place = ""
    for f in owner._meta.concrete_fields:
        value = getattr(owner, f.attname)
        if f.choices and value not in (None, ""):
            details.append((str(f.verbose_name), str(getattr(owner, f"get_{f.name}_display")())))
        elif f.name in PLACE_FIELDS and value and not place:
            place = str(value)
    return " · ".join(related), details, place


def item_for(block: CalendarBlock, *, site, request) -> Item:
    """Describes a block by its owner."""
    kind, kind_label = block.kind, block.get_kind_display()
    base = {"block": block, "start": block.start, "end": block.end, "kind": kind, "kind_label": kind_label}
    try:
        booking = block.booking
    except Booking.DoesNotExist:
        booking = None
    if booking is not None:
        place = ""
        if booking.location is not None:
            place = f"{booking.location.name}, {booking.location.address}"
        details = []
        if booking.organisation_name:
            details.append((_("organisation"), booking.organisation_name))
        if booking.group_size > 1:
            details.append((_("participants"), str(booking.group_size)))
        return Item(
            **{**base, "start": booking.start, "end": booking.end},
            title=booking.client_name,
            subtitle=booking.session_type.name,
            url=_admin_url(site, request, booking),
            status=booking.status,
            status_label=booking.get_status_display(),
            booking=booking,
            details=details,
            place=place,
            link=booking.meeting_url,
        )
    try:
        time_off = block.time_off
    except TimeOff.DoesNotExist:
        time_off = None
    if time_off is not None:
        return Item(**base, title=time_off.reason or kind_label, url=_admin_url(site, request, time_off))
    owner = _owner(block)
    if owner is None or not _may_see_details(request.user, block, owner):
        return Item(**base, title=kind_label)
    fks = next(f for a, m, f in _owner_relations() if isinstance(owner, m))
    subtitle, details, place = _describe_owner(owner, fks)
    return Item(
        **base,
        title=str(owner),
        subtitle=subtitle,
        url=_admin_url(site, request, owner),
        details=details,
        place=place if not place.startswith("http") else "",
        link=place if place.startswith("http") else "",
    )


# --- laying out ----------------------------------------------------------------------------------


@cache
def _holiday_names(year: int, language: str) -> dict[dt.date, str]:
    return dict(holidays.Finland(years=year, language=_HOLIDAY_LANGUAGES.get(language, "fi")))


def holiday_name(day: dt.date) -> str:
    language = (translation.get_language() or "fi")[:2]
    return _holiday_names(day.year, language).get(day, "")


def _rows(start: dt.time, end: dt.time | None, first_hour: int) -> tuple[int, int]:
    """Grid rows of a wall-clock range: (first row, span). An end of None is midnight."""
    minutes = start.hour * 60 + start.minute - first_hour * 60
    end_minutes = (end.hour * 60 + end.minute if end else 24 * 60) - first_hour * 60
    row = max(0, minutes) // 15 + 1
    span = max(1, math.ceil((end_minutes - max(0, minutes)) / 15))
    return row, span


def _assign_lanes(placed: list[Placed]) -> int:
    lane_ends: list[dt.datetime] = []
    for p in sorted(placed, key=lambda p: (p.start, p.end)):
        for i, lane_end in enumerate(lane_ends):
            if lane_end <= p.start:
                lane_ends[i], p.lane = p.end, i + 1
                break
        else:
            lane_ends.append(p.end)
            p.lane = min(len(lane_ends), MAX_LANES)
    return min(max(len(lane_ends), 1), MAX_LANES)


def lay_out(
    days: list[dt.date],
    items: list[Item],
    *,
    hours: Hours | None,
    today: dt.date,
    month: int | None = None,
) -> Sheet:
    """Puts the items on their days (a multi-day item on each of its days) and sizes the time grid
    to cover the working hours and every timed item, in whole hours."""
    holiday_days = finnish_holidays(days[0], days[-1])
    sheet_days = []
    first_hour, last_hour = DEFAULT_FIRST_HOUR, DEFAULT_LAST_HOUR
    for day in days:
        d = Day(
            date=day,
            hours=open_ranges(hours, day) if hours else [],
            holiday=holiday_name(day) if day in holiday_days else "",
            is_today=day == today,
            in_month=month is None or day.month == month,
        )
        opens, closes = day_bounds(day)
        for item in items:
            if item.start >= closes or item.end <= opens:
                continue
            start, end = max(item.start, opens), min(item.end, closes)
            whole_day = start == opens and end == closes
            d.placed.append(
                Placed(item, start.astimezone(HELSINKI), end.astimezone(HELSINKI), all_day=whole_day)
            )
        for r in d.hours:
            first_hour = min(first_hour, r.start.hour)
            last_hour = max(last_hour, r.end.hour + (1 if r.end.minute else 0))
        for p in d.timed:
            first_hour = min(first_hour, p.start.hour)
            ends_next_day = p.end.date() > day
            last_hour = max(last_hour, 24 if ends_next_day else p.end.hour + (1 if p.end.minute else 0))
        sheet_days.append(d)
    for d in sheet_days:
        d.hour_rows = [_rows(r.start, r.end, first_hour) for r in d.hours]
        for p in d.timed:
            end = p.end.time() if p.end.date() == d.date else None
            p.row, p.span = _rows(p.start.time(), end, first_hour)
        d.lanes = _assign_lanes(d.timed)
    return Sheet(days=sheet_days, first_hour=first_hour, last_hour=last_hour, hours_shown=hours is not None)


# --- the whole read ------------------------------------------------------------------------------


def practitioners_all() -> list[Practitioner]:
    return list(Practitioner.objects.filter(is_active=True).order_by("display_name", "pk"))


def default_practitioner(user, practitioners: list[Practitioner]) -> Practitioner | None:
    """The signed-in practitioner's own calendar, or the only one there is; else everyone's."""
    own = None if isinstance(user, AnonymousUser) else practitioner_of(user)
    mine = next((p for p in practitioners if own is not None and p == own), None)
    return mine or (practitioners[0] if len(practitioners) == 1 else None)


def sheet_for(
    first_day: dt.date,
    last_day: dt.date,
    *,
    practitioners: list[Practitioner],
    chosen: Practitioner | None,
    site,
    request,
    today: dt.date,
    month: int | None = None,
) -> Sheet:
    """The days from first_day to last_day with their items and (for one practitioner) hours.

    Queries: the blocks with their owners (1), and for one practitioner their weekly hours,
    exceptions and busy times (3). Never more, whatever the days hold.
    """
    in_view = [chosen] if chosen else practitioners
    start, end = day_bounds(first_day, last_day)
    items = [item_for(b, site=site, request=request) for b in blocks_between(start, end, in_view)]
    hours = None
    if chosen is not None:
        [calendar] = selectors.calendars_for([chosen], first_day, last_day)
        hours = calendar.hours
    days = [first_day + dt.timedelta(days=i) for i in range((last_day - first_day).days + 1)]
    return lay_out(days, items, hours=hours, today=today, month=month)
