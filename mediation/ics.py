"""Calendar files (RFC 5545) for mediation meetings: a stable UID per meeting, SEQUENCE raised on
every change, METHOD:REQUEST for an invitation and METHOD:CANCEL for a cancellation.

The file names no case, party or topic: only the kind of meeting, the mediator and the place.
The mediator's private calendar feed (bookings.views.feed) shows a booked meeting under the same
UID and SEQUENCE, with its place: registered below (this module is loaded by AppConfig.ready()
through mediation.messages), so an invitation the mediator accepted and the feed are one entry.
"""

import datetime as dt
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from bookings.models import CalendarBlock
from bookings.views.feed import FeedDetails, register_feed_details

from .models import Meeting, Party


def meeting_uid(meeting: Meeting) -> str:
    return f"mediation-{meeting.uid}@{urlparse(settings.SITE_URL).hostname or 'localhost'}"


def feed_details(block_ids: list[int]) -> dict[int, FeedDetails]:
    """The feed's view of the meetings owning these blocks: the invitation's UID and SEQUENCE and
    the place or video link; nothing of the case or its parties. One query."""
    meetings = Meeting.objects.filter(block_id__in=block_ids).only("uid", "sequence", "place", "block_id")
    return {
        meeting.block_id: FeedDetails(
            uid=meeting_uid(meeting), sequence=meeting.sequence, location=meeting.place
        )
        for meeting in meetings
    }


register_feed_details(CalendarBlock.Kind.MEDIATION, feed_details)


def meeting_ics(meeting: Meeting, *, method: str = "REQUEST", attendee: Party | None = None) -> bytes:
    """The meeting as a calendar file in the active language; `attendee` is the one recipient named."""
    cancelled = method == "CANCEL" or meeting.status == Meeting.Status.CANCELLED
    cal = Calendar()
    cal.add("prodid", f"-//{settings.PRACTICE_NAME}//Sovittelu//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "CANCEL" if cancelled else method)
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", meeting.start.astimezone(dt.UTC))
    event.add("dtend", meeting.end.astimezone(dt.UTC))
    event.add("summary", f"{meeting.get_kind_display()} – {settings.PRACTICE_NAME}")
    mediator = meeting.case.mediator
    lines = [str(meeting.get_kind_display()), _("Mediator: %(name)s") % {"name": mediator.display_name}]
    if meeting.place:
        event.add("location", meeting.place)
        lines.append(meeting.place)
    event.add("description", "\n".join(lines))
    organizer = vCalAddress(f"mailto:{mediator.email}")
    organizer.params["cn"] = vText(mediator.display_name)
    event.add("organizer", organizer)
    if attendee is not None:
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = vText(attendee.name)
        address.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", address)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()
