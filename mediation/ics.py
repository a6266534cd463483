"""Calendar files (RFC 5545) for mediation meetings: a stable UID per meeting, SEQUENCE raised on
every change, METHOD:REQUEST for an invitation and METHOD:CANCEL for a cancellation.

The file names no case, party or topic: only the kind of meeting, the mediator and the place.
The mediator's private calendar feed (calendar_sync.feed) shows a booked meeting under the same
UID and SEQUENCE, with its place: registered below with bookings.ics (this module is loaded by
AppConfig.ready()), so an invitation the mediator accepted and the feed are one entry. The
mediator's daily agenda email lists a booked meeting the same neutral way: "Mediation meeting",
the place and a link to the case page, nothing of the case, its parties or its topic.
"""

import datetime as dt

from django.utils.translation import gettext as _

from bookings.agenda import AgendaRow, register_agenda_source
from bookings.ics import Entry, calendar_file, organizer, register_feed_source, uid
from bookings.models import CalendarBlock, Practitioner
from notifications.rendering import absolute_url_or_none
from practice.selectors import profile

from .models import Meeting, Party


def meeting_uid(meeting: Meeting) -> str:
    return uid("mediation", meeting.uid)


def meeting_entry(meeting: Meeting, *, attendee: Party | None = None) -> Entry:
    """The meeting as a party sees it, in the active language; `attendee` is the one recipient named."""
    mediator = meeting.case.mediator
    lines = [str(meeting.get_kind_display()), _("Mediator: %(name)s") % {"name": mediator.display_name}]
    if meeting.place:
        lines.append(meeting.place)
    return Entry(
        uid=meeting_uid(meeting),
        start=meeting.start,
        end=meeting.end,
        summary=f"{meeting.get_kind_display()} – {profile().name}",
        sequence=meeting.sequence,
        status="CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED",
        lines=lines,
        location=meeting.place,
        organizer=organizer(mediator),
        attendee=(attendee.email, attendee.name) if attendee is not None else None,
    )


def meeting_ics(meeting: Meeting, *, method: str = "REQUEST", attendee: Party | None = None) -> bytes:
    """The meeting as a calendar file; a cancelled meeting is sent as METHOD:CANCEL."""
    if meeting.status == Meeting.Status.CANCELLED:
        method = "CANCEL"
    return calendar_file([meeting_entry(meeting, attendee=attendee)], method, product="Sovittelu")


def _meetings_in_feed(practitioner: Practitioner, since: dt.datetime) -> list[Entry]:
    """The mediator's booked meetings under a neutral label, with the invitation's UID and SEQUENCE
    and the place or video link; nothing of the case or its parties. One query."""
    meetings = Meeting.objects.filter(
        block__practitioner=practitioner, block__active=True, block__end__gte=since
    ).select_related("block")
    return [
        Entry(
            uid=meeting_uid(meeting),
            start=meeting.block.start,
            end=meeting.block.end,
            summary=str(CalendarBlock.Kind.MEDIATION.label),
            sequence=meeting.sequence,
            location=meeting.place,
        )
        for meeting in meetings
    ]


register_feed_source("mediation", _meetings_in_feed)


def _meetings_in_agenda(blocks: list[CalendarBlock]) -> list[AgendaRow]:
    """The day's meetings in the mediator's agenda email, under the neutral label. One query."""
    meetings = Meeting.objects.filter(block__in=blocks).select_related("block")
    return [
        AgendaRow(
            block=meeting.block,
            title=str(CalendarBlock.Kind.MEDIATION.label),
            place=meeting.place,
            start=meeting.start,
            end=meeting.end,
            admin_url=absolute_url_or_none("admin:mediation_mediationcase_change", meeting.case_id) or "",
        )
        for meeting in meetings
    ]


register_agenda_source(CalendarBlock.Kind.MEDIATION, _meetings_in_agenda)
