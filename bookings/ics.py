"""Calendar files (RFC 5545) for bookings: a stable UID, SEQUENCE raised on every change,
METHOD:REQUEST for confirmations and changes, METHOD:CANCEL for cancellations."""

import datetime as dt
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Event, vCalAddress, vText

from .models import Booking


def booking_uid(booking: Booking) -> str:
    return f"booking-{booking.uid}@{urlparse(settings.SITE_URL).hostname or 'localhost'}"


def calendar(method: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.PRACTICE_NAME}//Ajanvaraus//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    return cal


def booking_event(booking: Booking, *, cancelled: bool = False) -> Event:
    event = Event()
    event.add("uid", booking_uid(booking))
    event.add("sequence", booking.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", booking.start.astimezone(dt.UTC))
    event.add("dtend", booking.end.astimezone(dt.UTC))
    with translation.override(booking.language):
        event.add("summary", f"{booking.session_type.name} – {settings.PRACTICE_NAME}")
        lines = [str(booking.session_type.name), str(booking.get_modality_display())]
    if booking.meeting_url:
        event.add("url", booking.meeting_url)
        event.add("location", booking.meeting_url)
        lines.append(booking.meeting_url)
    elif booking.location:
        event.add("location", f"{booking.location.name}, {booking.location.address}")
    event.add("description", "\n".join(lines))
    organizer = vCalAddress(f"mailto:{booking.practitioner.email}")
    organizer.params["cn"] = vText(booking.practitioner.display_name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{booking.email}")
    attendee.params["cn"] = vText(booking.client_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", attendee)
    if cancelled or booking.status in (Booking.Status.CANCELLED, Booking.Status.DECLINED):
        event.add("status", "CANCELLED")
    elif booking.status == Booking.Status.REQUESTED:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    return event


def booking_ics(booking: Booking, method: str = "REQUEST") -> bytes:
    """The booking as a calendar file; METHOD:CANCEL marks the event cancelled."""
    cal = calendar(method)
    cal.add_component(booking_event(booking, cancelled=method == "CANCEL"))
    return cal.to_ical()
