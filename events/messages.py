"""Message kinds of events and their waitlists (see notifications/registry.py).

Each builder runs at send time in the recipient's language and renders the object as it is then;
it returns None when the message no longer applies (a seat was cancelled, an offer was used).
Personal links are made here, when the email is sent, so that no token waits in the database.
A waitlist's and an offer's links live until after the event (as a seat holder's): an offer that
expired or was used, or a line that closed, says what happened instead of answering 404.
"""

from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bookings.actions.common import LINK_LIFETIME_AFTER_END
from bookings.ics import attachment
from bookings.models import Modality
from bookings.selectors import place_of
from core.formats import format_when
from core.money import format_price
from notifications.registry import Email, kind
from notifications.rendering import absolute_url, render_email
from practice.selectors import profile
from privacy.links import link_create

from . import selectors
from .actions.waitlist import offer_link, waitlist_link
from .ics import seat_ics
from .kinds import EventLink, EventMessage
from .models import Event, SeatBooking, WaitlistEntry

TEMPLATES = "events/email/"


def _price(amount: Decimal, vat_rate: Decimal) -> str:
    return format_price(amount, vat_rate, vat_registered=profile().vat_registered)


def _email(template: str, context: dict, *, subject: str, reply_to: str, attachments=None) -> Email:
    return render_email(
        TEMPLATES + template, context, subject=subject, attachments=attachments, reply_to=[reply_to]
    )


# --- seats ---------------------------------------------------------------------------------------


def _seat(message) -> SeatBooking | None:
    try:
        return selectors.seat_booking_details(message.target_id)
    except SeatBooking.DoesNotExist:
        return None


def _seat_context(seat: SeatBooking, **extra) -> dict:
    event = seat.event
    return {
        "seat": seat,
        "event": event,
        "name": seat.name,
        "when": format_when(event.start, event.end),
        "online": event.modality == Modality.ONLINE,
        "price": _price(seat.price_per_seat * seat.seats, seat.vat_rate),
        **extra,
    }


def _place(event: Event):
    """The event's place (directions, getting in, accessibility, parking) or, online, how to join."""
    return place_of(modality=event.modality, location=event.location, practitioner_id=event.practitioner_id)


def _seats_url(seat: SeatBooking) -> str:
    token = link_create(
        purpose=EventLink.SEATS, target=seat, expires_at=seat.event.end + LINK_LIFETIME_AFTER_END
    )
    return absolute_url("events:seats", token=token)


def _live_seat(seat: SeatBooking | None) -> bool:
    return (
        seat is not None
        and seat.status == SeatBooking.Status.CONFIRMED
        and seat.event.status == Event.Status.PUBLISHED
    )


def _seat_subject(text: str, seat: SeatBooking) -> str:
    return text % {"event": seat.event.title, "when": format_when(seat.event.start, seat.event.end)}


@kind(EventMessage.SEAT_CONFIRMED, label=gettext_lazy("Event seats booked (to the seat holder)"))
def seat_confirmed(message) -> Email | None:
    seat = _seat(message)
    if not _live_seat(seat):
        return None
    subject = ngettext(
        "Seat booked: %(event)s, %(when)s", "Seats booked: %(event)s, %(when)s", seat.seats
    ) % {"event": seat.event.title, "when": format_when(seat.event.start, seat.event.end)}
    return _email(
        EventMessage.SEAT_CONFIRMED,
        _seat_context(
            seat,
            seats_url=_seats_url(seat),
            from_waitlist=hasattr(seat, "waitlist_entry"),
            place=_place(seat.event),
        ),
        subject=subject,
        reply_to=seat.event.practitioner.email,
        attachments=[attachment("event.ics", seat_ics(seat, "REQUEST"), "REQUEST")],
    )


@kind(EventMessage.SEAT_CANCELLED, label=gettext_lazy("Event seats cancelled (to the seat holder)"))
def seat_cancelled(message) -> Email | None:
    seat = _seat(message)
    if seat is None:
        return None
    all_gone = seat.status == SeatBooking.Status.CANCELLED
    subject = _seat_subject(
        _("Booking cancelled: %(event)s, %(when)s") if all_gone else _("Seats changed: %(event)s, %(when)s"),
        seat,
    )
    attachments = [attachment("event.ics", seat_ics(seat, "CANCEL"), "CANCEL")] if all_gone else []
    return _email(
        EventMessage.SEAT_CANCELLED,
        _seat_context(
            seat,
            all_gone=all_gone,
            given_back=message.context.get("seats", 0),
            seats_url=None if all_gone else _seats_url(seat),
            events_url=absolute_url("events:events"),
        ),
        subject=subject,
        reply_to=seat.event.practitioner.email,
        attachments=attachments,
    )


@kind(
    EventMessage.SEAT_REMINDER,
    label=gettext_lazy("Reminder before an event (to the seat holder)"),
    until=lambda message: message.target.event.start,
)
def seat_reminder(message) -> Email | None:
    """Only before the event begins: later it is skipped as too late."""
    seat = _seat(message)
    if not _live_seat(seat):
        return None
    return _email(
        EventMessage.SEAT_REMINDER,
        _seat_context(seat, seats_url=_seats_url(seat), place=_place(seat.event)),
        subject=_seat_subject(_("Reminder: %(event)s, %(when)s"), seat),
        reply_to=seat.event.practitioner.email,
    )


@kind(EventMessage.EVENT_CHANGED, label=gettext_lazy("Event moved (to the seat holders)"))
def event_changed(message) -> Email | None:
    seat = _seat(message)
    if not _live_seat(seat):
        return None
    return _email(
        EventMessage.EVENT_CHANGED,
        _seat_context(seat, seats_url=_seats_url(seat), place=_place(seat.event)),
        subject=_seat_subject(_("Event changed: %(event)s, now %(when)s"), seat),
        reply_to=seat.event.practitioner.email,
        attachments=[attachment("event.ics", seat_ics(seat, "REQUEST"), "REQUEST")],
    )


@kind(EventMessage.EVENT_CANCELLED, label=gettext_lazy("Event cancelled (to the seat holders)"))
def event_cancelled(message) -> Email | None:
    seat = _seat(message)
    if seat is None or seat.event.status != Event.Status.CANCELLED:
        return None
    return _email(
        EventMessage.EVENT_CANCELLED,
        _seat_context(
            seat, reason=message.context.get("reason", ""), events_url=absolute_url("events:events")
        ),
        subject=_seat_subject(_("Event cancelled: %(event)s, %(when)s"), seat),
        reply_to=seat.event.practitioner.email,
        attachments=[attachment("event.ics", seat_ics(seat, "CANCEL"), "CANCEL")],
    )


# --- the waitlist --------------------------------------------------------------------------------


def _entry(message) -> WaitlistEntry | None:
    try:
        return selectors.waitlist_entry_details(message.target_id)
    except WaitlistEntry.DoesNotExist:
        return None


def _entry_context(entry: WaitlistEntry, **extra) -> dict:
    event = entry.event
    return {
        "entry": entry,
        "event": event,
        "name": entry.name,
        "when": format_when(event.start, event.end),
        "event_url": absolute_url("events:event", slug=event.slug),
        **extra,
    }


@kind(EventMessage.WAITLIST_JOINED, label=gettext_lazy("Joined an event's waitlist (to the person waiting)"))
def waitlist_joined(message) -> Email | None:
    entry = _entry(message)
    if entry is None or entry.status != WaitlistEntry.Status.WAITING:
        return None
    token = waitlist_link(entry, entry.event)
    return _email(
        EventMessage.WAITLIST_JOINED,
        _entry_context(
            entry,
            position=selectors.waitlist_position(entry),
            waitlist_url=absolute_url("events:waitlist_entry", token=token),
            offer_hours=settings.EVENT_OFFER_HOURS,
        ),
        subject=_("You are on the waitlist: %(event)s, %(when)s")
        % {"event": entry.event.title, "when": format_when(entry.event.start, entry.event.end)},
        reply_to=entry.event.practitioner.email,
    )


@kind(
    EventMessage.WAITLIST_OFFER, label=gettext_lazy("Seats offered from the waitlist (to the person waiting)")
)
def waitlist_offer(message) -> Email | None:
    """The offer's link outlives the offer, so that a late click is told what became of it."""
    entry = _entry(message)
    now = timezone.now()
    if entry is None or entry.status != WaitlistEntry.Status.OFFERED or entry.offer_expires_at <= now:
        return None
    token = offer_link(entry, entry.event)
    subject = ngettext(
        "A seat is free for you: %(event)s, %(when)s",
        "Seats are free for you: %(event)s, %(when)s",
        entry.seats,
    ) % {"event": entry.event.title, "when": format_when(entry.event.start, entry.event.end)}
    return _email(
        EventMessage.WAITLIST_OFFER,
        _entry_context(
            entry,
            offer_url=absolute_url("events:offer", token=token),
            expires=format_when(entry.offer_expires_at),
            price=_price(entry.event.price_per_seat * entry.seats, entry.event.vat_rate),
        ),
        subject=subject,
        reply_to=entry.event.practitioner.email,
    )


@kind(
    EventMessage.WAITLIST_OFFER_EXPIRED, label=gettext_lazy("Waitlist offer expired (to the person waiting)")
)
def waitlist_offer_expired(message) -> Email | None:
    entry = _entry(message)
    if entry is None or entry.status != WaitlistEntry.Status.EXPIRED:
        return None
    return _email(
        EventMessage.WAITLIST_OFFER_EXPIRED,
        _entry_context(entry),
        subject=_("The offer expired: %(event)s") % {"event": entry.event.title},
        reply_to=entry.event.practitioner.email,
    )


@kind(
    EventMessage.WAITLIST_CLOSED,
    label=gettext_lazy("Registration closed while waiting (to the person waiting)"),
    until=lambda message: message.target.event.end,
)
def waitlist_closed(message) -> Email | None:
    """Registration closed (or the event was cancelled) before seats came free for the person.
    Too late once the event has ended (after downtime, say): then it is skipped."""
    entry = _entry(message)
    if entry is None or entry.status != WaitlistEntry.Status.CLOSED:
        return None
    cancelled = entry.event.status == Event.Status.CANCELLED
    subject = (
        _("The event was cancelled: %(event)s") if cancelled else _("Registration has closed: %(event)s")
    ) % {"event": entry.event.title}
    return _email(
        EventMessage.WAITLIST_CLOSED,
        _entry_context(entry, cancelled=cancelled, events_url=absolute_url("events:events")),
        subject=subject,
        reply_to=entry.event.practitioner.email,
    )
