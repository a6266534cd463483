"""The booking rules people agree to, as pure functions (no ORM, no I/O): how much of the calendar
a session takes, and until when a client may still change it themselves.

Every path asks these: the booking flow, the client's self-service pages, event seats, supervision
series, the messages that state the terms. The hours come from the terms the client accepted (a
booking keeps the cutoff it was made with; a series session follows its agreement), never from a
session type edited since.
"""

import datetime as dt


def block_span(
    start: dt.datetime, end: dt.datetime, *, buffer_before_minutes: int, buffer_after_minutes: int
) -> tuple[dt.datetime, dt.datetime]:
    """The calendar time a session at [start, end) takes: its buffers before and after included."""
    return (
        start - dt.timedelta(minutes=buffer_before_minutes),
        end + dt.timedelta(minutes=buffer_after_minutes),
    )


def cancellation_cutoff(start: dt.datetime, hours: int) -> dt.datetime:
    """The last moment a client may cancel or move a session themselves (`hours` before its start)."""
    return start - dt.timedelta(hours=hours)


def can_change_online(*, start: dt.datetime, cutoff_hours: int, live: bool, now: dt.datetime) -> bool:
    """Whether a client may still cancel or move a live session through their personal link; after
    the cutoff the page says whom to contact."""
    return live and now < cancellation_cutoff(start, cutoff_hours)
