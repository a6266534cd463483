"""Calendar files (RFC 5545): the one builder of calendar entries, and the bookings' own entries.

Every entry — a client's booking, an event seat, a mediation meeting, a line of the practitioner's
private feed — is an `Entry` made by the app that owns it and turned into a VEVENT by `vevent()`
here: a stable UID (`uid()`), SEQUENCE raised on every change, METHOD:REQUEST for confirmations
and changes, METHOD:CANCEL for cancellations, PUBLISH for a file to import.

The practitioner's private feed (calendar_sync.feed) lists what each app registers with
`register_feed_source()` from its AppConfig.ready(): bookings below, events and mediation in their
own ics modules. Bookings never import the apps above them.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from practice.selectors import profile

from .models import Booking, Location, Practitioner

LIVE_IN_FEED = [Booking.Status.CONFIRMED, Booking.Status.REQUESTED, Booking.Status.COMPLETED]


@dataclass
class Entry:
    """One calendar entry. `organizer` and `attendee` are (email, name); `url` is a video link."""

    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    sequence: int = 0
    status: str = "CONFIRMED"  # TENTATIVE, CANCELLED
    lines: list[str] = field(default_factory=list)
    location: str = ""
    url: str = ""
    organizer: tuple[str, str] | None = None
    attendee: tuple[str, str] | None = None


def uid(kind: str, key) -> str:
    """`<kind>-<key>@<site host>`: the same for an object in every file and in the feed."""
    return f"{kind}-{key}@{urlparse(settings.SITE_URL).hostname or 'localhost'}"


def place(*, meeting_url: str = "", location: Location | None = None, note: str = "") -> str:
    """Where an entry takes place: the video link, or the place's name, address and note."""
    if meeting_url:
        return meeting_url
    if location is None:
        return ""
    return ", ".join(filter(None, [location.name, location.address, note]))


def organizer(practitioner: Practitioner) -> tuple[str, str]:
    """ORGANIZER of a client's entry: the practitioner's address, named with the practice's name."""
    return (practitioner.email, f"{practitioner.display_name}, {profile().name}")


def _address(email: str, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def vevent(entry: Entry) -> VEvent:
    """The VEVENT of an entry: the one place that writes calendar components."""
    event = VEvent()
    event.add("uid", entry.uid)
    event.add("sequence", entry.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", entry.start.astimezone(dt.UTC))
    event.add("dtend", entry.end.astimezone(dt.UTC))
    event.add("summary", entry.summary)
    if entry.url:
        event.add("url", entry.url)
    if entry.location or entry.url:
        event.add("location", entry.location or entry.url)
    if entry.lines:
        event.add("description", "\n".join(str(line) for line in entry.lines))
    if entry.organizer:
        event.add("organizer", _address(*entry.organizer))
    if entry.attendee:
        event.add("attendee", _address(*entry.attendee, role="REQ-PARTICIPANT"))
    event.add("status", entry.status)
    return event


def calendar(method: str | None = None, *, product: str = "Ajanvaraus") -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{profile().name}//{product}//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    return cal


def calendar_file(
    entries: Iterable[Entry], method: str | None = None, *, product: str = "Ajanvaraus"
) -> bytes:
    """A calendar file of these entries; METHOD:CANCEL marks every entry cancelled."""
    cal = calendar(method, product=product)
    for entry in entries:
        if method == "CANCEL":
            entry.status = "CANCELLED"
        cal.add_component(vevent(entry))
    return cal.to_ical()


def attachment(name: str, data: bytes, method: str) -> tuple[str, bytes, str]:
    """A calendar file as an email attachment (name, content, MIME type with its METHOD)."""
    return (name, data, f"text/calendar; method={method}")


# --- the bookings' own entries ---------------------------------------------------------------------


def booking_uid(booking: Booking) -> str:
    return uid("booking", booking.uid)


def booking_entry(booking: Booking) -> Entry:
    """The client's view of a booking, in the booking's language."""
    with translation.override(booking.language):
        summary = f"{booking.session_type.name} – {profile().name}"
        lines = [str(booking.session_type.name), str(booking.get_modality_display())]
    if booking.meeting_url:
        lines.append(booking.meeting_url)
    if booking.status in (Booking.Status.CANCELLED, Booking.Status.DECLINED):
        status = "CANCELLED"
    elif booking.status == Booking.Status.REQUESTED:
        status = "TENTATIVE"
    else:
        status = "CONFIRMED"
    return Entry(
        uid=booking_uid(booking),
        start=booking.start,
        end=booking.end,
        summary=summary,
        sequence=booking.sequence,
        status=status,
        lines=lines,
        location=place(location=booking.location) if not booking.meeting_url else "",
        url=booking.meeting_url,
        organizer=organizer(booking.practitioner),
        attendee=(booking.email, booking.client_name),
    )


def booking_ics(booking: Booking, method: str = "REQUEST") -> bytes:
    """The booking as a calendar file; METHOD:CANCEL marks the event cancelled."""
    return calendar_file([booking_entry(booking)], method)


# --- the practitioner's private feed ---------------------------------------------------------------

FeedSource = Callable[[Practitioner, dt.datetime], Iterable[Entry]]
_feed_sources: dict[str, FeedSource] = {}


def register_feed_source(name: str, source: FeedSource) -> None:
    """An app's entries in the practitioner's feed: `source(practitioner, since)` gives them, in
    the active language (the practitioner's), with the same UID as the app's own calendar files."""
    _feed_sources[name] = source


def feed_entries(practitioner: Practitioner, since: dt.datetime) -> list[Entry]:
    entries = [entry for source in _feed_sources.values() for entry in source(practitioner, since)]
    return sorted(entries, key=lambda entry: entry.start)


def _booking_feed_entry(booking: Booking) -> Entry:
    summary = f"{booking.client_name} – {booking.session_type.name}"
    requested = booking.status == Booking.Status.REQUESTED
    lines = [
        str(booking.session_type.name),
        str(booking.get_modality_display()),
        _("Client: %(name)s") % {"name": booking.client_name},
    ]
    if booking.group_size > 1:
        lines.append(_("Participants: %(count)s") % {"count": booking.group_size})
    if booking.organisation_name:
        lines.append(booking.organisation_name)
    if booking.meeting_url:
        lines.append(_("Video meeting: %(url)s") % {"url": booking.meeting_url})
    return Entry(
        uid=booking_uid(booking),
        start=booking.start,
        end=booking.end,
        summary=_("Request: %(summary)s") % {"summary": summary} if requested else summary,
        sequence=booking.sequence,
        status="TENTATIVE" if requested else "CONFIRMED",
        lines=lines,
        location=place(location=booking.location),
        url=booking.meeting_url,
    )


def _bookings_in_feed(practitioner: Practitioner, since: dt.datetime) -> list[Entry]:
    """The live bookings (confirmed, waiting for confirmation, completed). One query."""
    bookings = (
        Booking.objects.filter(practitioner=practitioner, status__in=LIVE_IN_FEED, end__gte=since)
        .select_related("session_type", "location")
        .order_by("start")
    )
    return [_booking_feed_entry(booking) for booking in bookings]


register_feed_source("bookings", _bookings_in_feed)
