"""Calendar files (RFC 5545) of event seats and series: the same rules as bookings/ics.py (a stable
UID, SEQUENCE raised on every change, METHOD:REQUEST / CANCEL) for seats, and a plain calendar
(no METHOD: for importing) with every session of a series."""

import datetime as dt
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from icalendar import Event as VEvent
from icalendar import vCalAddress, vText

from .ics import booking_event, calendar
from .models import Booking, SeatBooking, Series


def seat_uid(seat: SeatBooking) -> str:
    return f"event-seat-{seat.uid}@{urlparse(settings.SITE_URL).hostname or 'localhost'}"


def seat_event(seat: SeatBooking, *, cancelled: bool = False) -> VEvent:
    """The event as it stands for this seat holder (the event's and the seat's changes both
    raise SEQUENCE)."""
    event = seat.event
    vevent = VEvent()
    vevent.add("uid", seat_uid(seat))
    vevent.add("sequence", event.sequence + seat.sequence)
    vevent.add("dtstamp", timezone.now().astimezone(dt.UTC))
    vevent.add("dtstart", event.start.astimezone(dt.UTC))
    vevent.add("dtend", event.end.astimezone(dt.UTC))
    vevent.add("summary", f"{event.title} – {settings.PRACTICE_NAME}")
    lines = [event.title]
    if event.meeting_url:
        vevent.add("url", event.meeting_url)
        vevent.add("location", event.meeting_url)
        lines.append(event.meeting_url)
    elif event.location:
        vevent.add("location", f"{event.location.name}, {event.location.address}")
    if event.place_note:
        lines.append(event.place_note)
    vevent.add("description", "\n".join(lines))
    organizer = vCalAddress(f"mailto:{event.practitioner.email}")
    organizer.params["cn"] = vText(event.practitioner.display_name)
    vevent.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{seat.email}")
    attendee.params["cn"] = vText(seat.name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    vevent.add("attendee", attendee)
    gone = cancelled or seat.status == SeatBooking.Status.CANCELLED or event.status == event.Status.CANCELLED
    vevent.add("status", "CANCELLED" if gone else "CONFIRMED")
    return vevent


def seat_ics(seat: SeatBooking, method: str = "REQUEST") -> bytes:
    cal = calendar(method)
    cal.add_component(seat_event(seat, cancelled=method == "CANCEL"))
    return cal.to_ical()


def series_ics(series: Series) -> bytes:
    """Every session still booked, for importing into a calendar (no METHOD: not an invitation)."""
    cal = calendar()
    for session in series.sessions.all():
        if session.booking.status not in (Booking.Status.CANCELLED, Booking.Status.DECLINED):
            cal.add_component(booking_event(session.booking))
    return cal.to_ical()
