"""A practitioner's working hours: the week's ranges and the coming date exceptions, replaced
together (the workspace's weekly grid saves them in one go)."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from ..availability import HELSINKI
from ..cache import calendar_changed
from ..models import DateException, Practitioner, WeeklyHours

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
