"""Calendar entries of events (bookings.ics builds the files): a seat holder's file, with the same
rules as a booking's (a stable UID, SEQUENCE raised on every change of the event or the seat,
METHOD:REQUEST / CANCEL), and the event in the practitioner's private feed and daily agenda."""

import datetime as dt

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from bookings.agenda import AgendaRow, register_agenda_source
from bookings.ics import Entry, calendar_file, organizer, place, register_feed_source, uid
from bookings.models import CalendarBlock, Modality, Practitioner
from notifications.rendering import absolute_url_or_none
from practice.selectors import profile

from .models import Event, SeatBooking


def seat_uid(seat: SeatBooking) -> str:
    return uid("event-seat", seat.uid)


def seat_entry(seat: SeatBooking) -> Entry:
    """The event as it stands for this seat holder (the event's and the seat's changes both
    raise SEQUENCE)."""
    event = seat.event
    lines = [event.title]
    if event.meeting_url:
        lines.append(event.meeting_url)
    if event.place_note:
        lines.append(event.place_note)
    gone = seat.status == SeatBooking.Status.CANCELLED or event.status == Event.Status.CANCELLED
    return Entry(
        uid=seat_uid(seat),
        start=event.start,
        end=event.end,
        summary=f"{event.title} – {profile().name}",
        sequence=event.sequence + seat.sequence,
        status="CANCELLED" if gone else "CONFIRMED",
        lines=lines,
        location="" if event.meeting_url else place(location=event.location),
        url=event.meeting_url,
        organizer=organizer(event.practitioner),
        attendee=(seat.email, seat.name),
    )


def seat_ics(seat: SeatBooking, method: str = "REQUEST") -> bytes:
    return calendar_file([seat_entry(seat)], method)


def _event_feed_entry(event: Event) -> Entry:
    meeting_url = event.meeting_url if event.modality == Modality.ONLINE else ""
    lines = [
        str(event.session_type.name),
        str(event.get_modality_display()),
        _("Seats booked: %(taken)s of %(capacity)s")
        % {"taken": event.seats_taken or 0, "capacity": event.capacity},
    ]
    if meeting_url:
        lines.append(_("Video meeting: %(url)s") % {"url": meeting_url})
    return Entry(
        uid=uid("event", event.uid),
        start=event.start,
        end=event.end,
        summary=event.title,
        sequence=event.sequence,
        status="TENTATIVE" if event.status == Event.Status.DRAFT else "CONFIRMED",
        lines=lines,
        location=place(location=event.location, note=event.place_note),
        url=meeting_url,
    )


def _events_in_feed(practitioner: Practitioner, since: dt.datetime) -> list[Entry]:
    """The practitioner's events that are not cancelled, with the seats taken. One query."""
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
    return [_event_feed_entry(event) for event in events]


register_feed_source("events", _events_in_feed)


def _events_in_agenda(blocks: list[CalendarBlock]) -> list[AgendaRow]:
    """The day's events (not cancelled) in the practitioner's agenda email, with the seats taken.
    One query."""
    taken = Sum("seat_bookings__seats", filter=Q(seat_bookings__status=SeatBooking.Status.CONFIRMED))
    events = (
        Event.objects.filter(block__in=blocks)
        .exclude(status=Event.Status.CANCELLED)
        .select_related("location", "block")
        .annotate(seats_taken=Coalesce(taken, 0))
    )
    return [
        AgendaRow(
            block=event.block,
            event=event,
            start=event.start,
            end=event.end,
            admin_url=absolute_url_or_none("admin:events_event_change", event.pk) or "",
        )
        for event in events
    ]


register_agenda_source(CalendarBlock.Kind.EVENT, _events_in_agenda)
