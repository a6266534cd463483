"""Helsinki time: the one place that turns wall-clock rules into instants. Pure: no ORM, no I/O.

Instants are aware datetimes, stored and compared in UTC. Rules people state in local time —
"09.00", "the whole of Tuesday", "24 h before" — are computed in Europe/Helsinki and converted at
the end, so they stay right across the daylight-saving changes (a day may last 23 or 25 hours).
"""

import datetime as dt
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = dt.UTC


def local(value: dt.datetime) -> dt.datetime:
    """An aware datetime in Helsinki time (naive values are taken as UTC, which is how we store them)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(HELSINKI)


def local_date(value: dt.datetime) -> dt.date:
    """The Helsinki calendar day of an instant."""
    return local(value).date()


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime | None:
    """The aware instant of a Helsinki wall-clock time, or None if that time does not exist that day
    (the skipped hour of the spring change). A repeated autumn time is its first occurrence."""
    naive = dt.datetime.combine(day, time)
    aware = naive.replace(tzinfo=HELSINKI, fold=0)
    if aware.astimezone(UTC).astimezone(HELSINKI).replace(tzinfo=None) != naive:
        return None
    return aware.astimezone(UTC)


def day_start(day: dt.date) -> dt.datetime:
    """Helsinki midnight at the start of `day` (midnight always exists here)."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=HELSINKI).astimezone(UTC)


def day_bounds(first: dt.date, last: dt.date | None = None) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the Helsinki days `first` to `last` (both included; one day without `last`)."""
    return day_start(first), day_start((last or first) + dt.timedelta(days=1))


def wall_clock_before(moment: dt.datetime, *, hours: int) -> dt.datetime:
    """`hours` earlier by the Helsinki clock: "24 h before" a Sunday 10.00 session is Saturday 10.00,
    also when the clocks change in between. A skipped local time moves to the hour after it."""
    naive = local(moment).replace(tzinfo=None) - dt.timedelta(hours=hours)
    return local_datetime(naive.date(), naive.time()) or local_datetime(
        naive.date(), (naive + dt.timedelta(hours=1)).time()
    )
