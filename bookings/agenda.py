"""The practitioner's day for the daily agenda email, read from the one calendar table.

Every active block of the day is one row: bookings, requests and time off are described here;
events and mediation meetings by their own apps, which register a source for their block kind
from AppConfig.ready() (`register_agenda_source`), so bookings never imports the apps above it. A
kind no app describes (busy in another calendar) shows its kind's name. A kind whose content is
confidential describes itself neutrally: a mediation meeting is "Mediation meeting, <place>",
never its case, parties or topic.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from core.time import day_bounds

from . import selectors
from .models import Booking, CalendarBlock, Practitioner

Kind = CalendarBlock.Kind
# Kinds that alone do not make a day worth an agenda email: the practitioner is not working then.
NOT_WORKING = (Kind.TIME_OFF, Kind.EXTERNAL)


@dataclass
class AgendaRow:
    """One block of the day. `booking` / `event` carry the rich rows the email knows how to show;
    any other row shows `title`, `lines` and `place`, which must hold nothing confidential."""

    block: CalendarBlock
    title: str = ""
    place: str = ""
    lines: list[str] = field(default_factory=list)
    admin_url: str = ""
    booking: Booking | None = None
    event: object | None = None
    start: dt.datetime | None = None  # the owner's time (without buffers); the block's by default
    end: dt.datetime | None = None
    day: dt.date | None = None  # the day it is listed on (day_agenda sets it)

    def __post_init__(self):
        self.start = self.start or self.block.start
        self.end = self.end or self.block.end

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def shown_start(self) -> dt.datetime:
        """The start within the day it is listed on (time off since yesterday starts at 00.00)."""
        return max(self.start, day_bounds(self.day)[0])

    @property
    def shown_end(self) -> dt.datetime:
        return min(self.end, day_bounds(self.day)[1])

    @property
    def all_day(self) -> bool:
        """Covers the whole Helsinki day it is listed on (time off for a week, say)."""
        first, last = day_bounds(self.day)
        return self.start <= first and self.end >= last


Source = Callable[[list[CalendarBlock]], list[AgendaRow]]
_sources: dict[str, Source] = {}


def register_agenda_source(kind: str, source: Source) -> None:
    """`source(blocks)` describes the day's active blocks of `kind` (one query for all, please),
    one row each, in the active language (the practitioner's)."""
    _sources[kind] = source


def _bookings(blocks: list[CalendarBlock]) -> list[AgendaRow]:
    bookings = selectors.bookings_with_details().filter(block__in=blocks)
    return [AgendaRow(block=b.block, booking=b, start=b.start, end=b.end) for b in bookings]


def _time_off(blocks: list[CalendarBlock]) -> list[AgendaRow]:
    blocks = CalendarBlock.objects.filter(pk__in=[b.pk for b in blocks]).select_related("time_off")
    rows = []
    for block in blocks:
        reason = block.time_off.reason if hasattr(block, "time_off") else ""
        rows.append(
            AgendaRow(block=block, title=str(block.get_kind_display()), lines=[reason] if reason else [])
        )
    return rows


def _kind_only(blocks: list[CalendarBlock]) -> list[AgendaRow]:
    return [AgendaRow(block=block, title=str(block.get_kind_display())) for block in blocks]


register_agenda_source(Kind.BOOKING, _bookings)
register_agenda_source(Kind.HOLD, _bookings)
register_agenda_source(Kind.TIME_OFF, _time_off)


def day_agenda(practitioner: Practitioner, day: dt.date) -> list[AgendaRow]:
    """Every active block of the practitioner reaching into the Helsinki `day`, as rows in time
    order. Queries: the blocks (1) and one per kind present."""
    start, end = day_bounds(day)
    blocks = CalendarBlock.objects.filter(
        practitioner=practitioner, active=True, start__lt=end, end__gt=start
    ).order_by("start", "pk")
    by_kind: dict[str, list[CalendarBlock]] = {}
    for block in blocks:
        by_kind.setdefault(block.kind, []).append(block)
    rows = []
    for kind, of_kind in by_kind.items():
        rows += _sources.get(kind, _kind_only)(of_kind)
    for row in rows:
        row.day = day
    # A block reaches into the day by its buffers alone: its owner is another day's.
    rows = [row for row in rows if row.start < end and row.end > start]
    return sorted(rows, key=lambda row: (row.start, row.block.pk))


def worth_sending(rows: list[AgendaRow]) -> bool:
    """A day with anything but time off and busy times elsewhere."""
    return any(row.kind not in NOT_WORKING for row in rows)
