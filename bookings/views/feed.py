"""The practitioner's private calendar feed, /calendar/feed/<token>.ics, to subscribe from a phone or Outlook.

The token is a personal link (privacy.links: 256 bits, only its hash stored); anything wrong with it
is a plain 404. The feed holds the live bookings (confirmed, waiting for confirmation, completed),
the events that are not cancelled and the mediation meetings, from FEED_PAST ago onwards; cancelled
ones disappear. Every entry carries the same UID as the calendar file of its emails (bookings:
bookings.ics.booking_uid; meetings: the UID of mediation's invitation), so an invitation the
practitioner also accepted is the same entry, not a second one. Mediation meetings carry a generic
label and the place or video link, nothing of the case. Bookings never import mediation: the app
that owns a kind of block tells the feed its UIDs and places through register_feed_details() when
its AppConfig.ready() loads it (mediation.ics). Three queries for the content, one per kind, and
one more for all the meetings' details, whatever its size.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q, Sum
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Event as VEvent

from privacy.links import link_resolve

from ..actions import FEED_PURPOSE
from ..ics import booking_uid, calendar
from ..models import Booking, CalendarBlock, Event, Modality, Practitioner, SeatBooking

FEED_PAST = dt.timedelta(days=60)
LIVE_BOOKINGS = [Booking.Status.CONFIRMED, Booking.Status.REQUESTED, Booking.Status.COMPLETED]


@dataclass(frozen=True)
class FeedDetails:
    """What the app owning a block tells the feed about it: the UID and SEQUENCE of its own
    calendar files, and where it takes place (a place or a video link)."""

    uid: str
    sequence: int = 0
    location: str = ""


# kind of block → (ids of its blocks → the details of each, in one query)
_details: dict[str, Callable[[list[int]], dict[int, FeedDetails]]] = {}


def register_feed_details(kind: str, details: Callable[[list[int]], dict[int, FeedDetails]]) -> None:
    _details[kind] = details


def feed_url(token: str) -> str:
    """The absolute address of a feed token (show it once: only its hash is kept)."""
    return f"{settings.SITE_URL}{reverse('calendar_feed', kwargs={'token': token})}"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _entry(uid: str, start: dt.datetime, end: dt.datetime, summary: str, *, sequence: int = 0) -> VEvent:
    entry = VEvent()
    entry.add("uid", uid)
    entry.add("sequence", sequence)
    entry.add("dtstamp", timezone.now().astimezone(dt.UTC))
    entry.add("dtstart", start.astimezone(dt.UTC))
    entry.add("dtend", end.astimezone(dt.UTC))
    entry.add("summary", summary)
    return entry


def _place(entry: VEvent, lines: list[str], *, meeting_url: str, location, note: str = "") -> None:
    if meeting_url:
        entry.add("url", meeting_url)
        entry.add("location", meeting_url)
        lines.append(_("Video meeting: %(url)s") % {"url": meeting_url})
    elif location is not None:
        entry.add("location", ", ".join(filter(None, [location.name, location.address, note])))


def _booking(booking: Booking) -> VEvent:
    summary = f"{booking.client_name} – {booking.session_type.name}"
    if booking.status == Booking.Status.REQUESTED:
        summary = _("Request: %(summary)s") % {"summary": summary}
    entry = _entry(booking_uid(booking), booking.start, booking.end, summary, sequence=booking.sequence)
    lines = [
        str(booking.session_type.name),
        str(booking.get_modality_display()),
        _("Client: %(name)s") % {"name": booking.client_name},
    ]
    if booking.group_size > 1:
        lines.append(_("Participants: %(count)s") % {"count": booking.group_size})
    if booking.organisation_name:
        lines.append(booking.organisation_name)
    _place(entry, lines, meeting_url=booking.meeting_url, location=booking.location)
    entry.add("description", "\n".join(lines))
    entry.add("status", "TENTATIVE" if booking.status == Booking.Status.REQUESTED else "CONFIRMED")
    return entry


def _event(event: Event) -> VEvent:
    entry = _entry(
        f"event-{event.uid}@{_host()}", event.start, event.end, event.title, sequence=event.sequence
    )
    lines = [
        str(event.session_type.name),
        str(event.get_modality_display()),
        _("Seats booked: %(taken)s of %(capacity)s")
        % {"taken": event.seats_taken or 0, "capacity": event.capacity},
    ]
    meeting_url = event.meeting_url if event.modality == Modality.ONLINE else ""
    _place(entry, lines, meeting_url=meeting_url, location=event.location, note=event.place_note)
    entry.add("description", "\n".join(lines))
    entry.add("status", "TENTATIVE" if event.status == Event.Status.DRAFT else "CONFIRMED")
    return entry


def _meetings(blocks: list[CalendarBlock]) -> list[VEvent]:
    """Mediation meetings' blocks, with the UID and place mediation gives (one query for all)."""
    describe = _details.get(CalendarBlock.Kind.MEDIATION)
    details = describe([block.pk for block in blocks]) if describe and blocks else {}
    entries = []
    for block in blocks:
        known = details.get(block.pk, FeedDetails(uid=f"mediation-block-{block.pk}@{_host()}"))
        entry = _entry(
            known.uid, block.start, block.end, str(block.get_kind_display()), sequence=known.sequence
        )
        if known.location:
            entry.add("location", known.location)
        entry.add("status", "CONFIRMED")
        entries.append(entry)
    return entries


def feed_ics(practitioner: Practitioner, *, now: dt.datetime | None = None) -> bytes:
    """The practitioner's live calendar as an iCalendar file, in their language. At most 4 queries."""
    since = (now or timezone.now()) - FEED_PAST
    bookings = (
        Booking.objects.filter(practitioner=practitioner, status__in=LIVE_BOOKINGS, end__gte=since)
        .select_related("session_type", "location")
        .order_by("start")
    )
    events = (
        Event.objects.filter(practitioner=practitioner, end__gte=since)
        .exclude(status=Event.Status.CANCELLED)
        .select_related("session_type", "location")
        .annotate(
            seats_taken=Sum(
                "seat_bookings__seats", filter=Q(seat_bookings__status=SeatBooking.Status.CONFIRMED)
            )
        )
        .order_by("start")
    )
    meetings = CalendarBlock.objects.filter(
        practitioner=practitioner, kind=CalendarBlock.Kind.MEDIATION, active=True, end__gte=since
    ).order_by("start")
    with translation.override(practitioner.language):
        cal = calendar()
        cal.add("name", f"{settings.PRACTICE_NAME} – {practitioner.display_name}")
        cal.add("x-wr-calname", f"{settings.PRACTICE_NAME} – {practitioner.display_name}")
        cal.add("refresh-interval", dt.timedelta(minutes=15), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT15M")
        for booking in bookings:
            cal.add_component(_booking(booking))
        for event in events:
            cal.add_component(_event(event))
        for entry in _meetings(list(meetings)):
            cal.add_component(entry)
        return cal.to_ical()


@require_safe
def calendar_feed(request, token: str):
    practitioner = link_resolve(token, purpose=FEED_PURPOSE, model=Practitioner)
    response = HttpResponse(feed_ics(practitioner), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
