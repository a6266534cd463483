"""A plain calendar file (METHOD:PUBLISH is not set: for importing) with every session of a series
still booked; each session is a booking, with the booking's own UID."""

from bookings.ics import booking_entry, calendar_file
from bookings.models import Booking

from .models import Series


def series_ics(series: Series) -> bytes:
    """Every session still booked, for importing into a calendar (no METHOD: not an invitation)."""
    return calendar_file(
        booking_entry(session.booking)
        for session in series.sessions.all()
        if session.booking.status not in (Booking.Status.CANCELLED, Booking.Status.DECLINED)
    )
