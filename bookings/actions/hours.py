"""A practitioner's working hours: the week's ranges and the coming date exceptions, replaced
together (the workspace's weekly grid saves them in one go), and their time off, which takes its
time through the calendar guard like a booking."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.time import HELSINKI

from ..cache import calendar_changed
from ..models import CalendarBlock, DateException, Practitioner, TimeOff, WeeklyHours
from .calendar import block_move, block_release, block_reserve

# (weekday 0–6, start, end, in person, online), as bookings.admin_forms.HoursGridForm.ranges gives them
Range = tuple[int, dt.time, dt.time, bool, bool]


def hours_replace(
    *,
    practitioner: Practitioner,
    ranges: Iterable[Range],
    exceptions: Iterable[dict],
    today: dt.date | None = None,
) -> None:
    """Replaces the practitioner's weekly hours with `ranges` and their date exceptions from
    `today` (Helsinki) on with `exceptions` (dicts of DateException fields: date, kind, start_time,
    end_time, in_person, online, note); exceptions of past days stay as history.

    All or nothing: every row is validated (ValidationError) before anything is written, and the
    practitioner's row is locked so two saves of the grid do not interleave. Cached availability
    follows once the transaction commits. Bookings already made are not touched.
    """
    today = today or timezone.now().astimezone(HELSINKI).date()
    hours = [
        WeeklyHours(practitioner=practitioner, weekday=w, start_time=s, end_time=e, in_person=p, online=o)
        for w, s, e, p, o in ranges
    ]
    days = [DateException(practitioner=practitioner, **fields) for fields in exceptions]
    for row in [*hours, *days]:
        row.full_clean(exclude=["practitioner"])
    with transaction.atomic():
        Practitioner.objects.select_for_update(no_key=True).get(pk=practitioner.pk)
        WeeklyHours.objects.filter(practitioner=practitioner).delete()
        WeeklyHours.objects.bulk_create(hours)
        DateException.objects.filter(practitioner=practitioner, date__gte=today).delete()
        DateException.objects.bulk_create(days)
        calendar_changed()


def _check_order(start: dt.datetime, end: dt.datetime) -> None:
    if start >= end:
        raise ValidationError({"end": _("The end must be after the start.")})


def time_off_add(
    *, practitioner: Practitioner, start: dt.datetime, end: dt.datetime, reason: str = ""
) -> TimeOff:
    """Takes [start, end) of the practitioner's time as time off, or raises SlotTaken if it
    overlaps a booking or another block (ValidationError if the end is not after the start).
    Never leaves a block without its time off, or the other way round."""
    _check_order(start, end)
    with transaction.atomic():
        block = block_reserve(
            practitioner=practitioner, start=start, end=end, kind=CalendarBlock.Kind.TIME_OFF
        )
        return TimeOff.objects.create(
            practitioner=practitioner, block=block, start=start, end=end, reason=reason
        )


def time_off_update(
    *,
    time_off: TimeOff,
    practitioner: Practitioner,
    start: dt.datetime,
    end: dt.datetime,
    reason: str = "",
) -> TimeOff:
    """Moves the time off (possibly to another practitioner) and renames it, or raises SlotTaken
    and changes nothing."""
    _check_order(start, end)
    with transaction.atomic():
        block_move(block=time_off.block, start=start, end=end, practitioner=practitioner)
        time_off.practitioner, time_off.start, time_off.end, time_off.reason = (
            practitioner,
            start,
            end,
            reason,
        )
        time_off.save()
        return time_off


def time_off_remove(*, time_off: TimeOff) -> None:
    """Frees the time off's time at once; its calendar block stays, inactive, as history."""
    with transaction.atomic():
        block = time_off.block
        time_off.delete()
        block_release(block=block)
