"""Message kinds of events, waitlists and supervision series (see notifications/registry.py).

Each builder runs at send time in the recipient's language and renders the object as it is then;
it returns None when the message no longer applies (a seat was cancelled, an offer was used).
Personal links are made here, when the email is sent, so that no token waits in the database:
a waitlist offer's link lives exactly as long as the offer.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.formats import format_when
from notifications.registry import Email, kind
from notifications.rendering import absolute_url, render_email
from privacy.links import link_create

from . import selectors_events, selectors_series
from .actions.booking import LINK_LIFETIME_AFTER_END
from .actions.events import OFFER_LINK, SEATS_LINK, WAITLIST_LINK
from .actions.series import AGREEMENT_LINK, SERIES_LINK
from .ics import booking_ics
from .ics_events import seat_ics
from .models import Booking, Event, SeatBooking, Series, SupervisionAgreement, WaitlistEntry

TEMPLATES = "bookings/email/events/"


def money(amount: Decimal, vat_rate: Decimal | None = None) -> str:
    """120,00 € (incl. VAT 25.5 %) in the active language; empty for free."""
    if not amount:
        return ""
    number = floatformat(amount, "2")
    text = f"€{number}" if translation.get_language() == "en" else f"{number}\u00a0€"
    if vat_rate is None or not settings.PRACTICE_VAT_REGISTERED:
        return text
    return _("%(price)s incl. VAT %(rate)s %%") % {"price": text, "rate": floatformat(vat_rate, "-1")}


def _email(template: str, context: dict, *, subject: str, reply_to: str, attachments=None) -> Email:
    return render_email(
        TEMPLATES + template, context, subject=subject, attachments=attachments, reply_to=[reply_to]
    )


def _ics(name: str, data: bytes, method: str) -> tuple[str, bytes, str]:
    return (name, data, f"text/calendar; method={method}")


# --- seats ---------------------------------------------------------------------------------------


def _seat(message) -> SeatBooking | None:
    try:
        return selectors_events.seat_booking_details(message.target_id)
    except SeatBooking.DoesNotExist:
        return None


def _seat_context(seat: SeatBooking, **extra) -> dict:
    event = seat.event
    return {
        "seat": seat,
        "event": event,
        "name": seat.name,
        "when": format_when(event.start, event.end),
        "price": money(seat.price_per_seat * seat.seats, seat.vat_rate),
        **extra,
    }


def _seats_url(seat: SeatBooking) -> str:
    token = link_create(purpose=SEATS_LINK, target=seat, expires_at=seat.event.end + LINK_LIFETIME_AFTER_END)
    return absolute_url("bookings:seats", token=token)


def _live_seat(seat: SeatBooking | None) -> bool:
    return (
        seat is not None
        and seat.status == SeatBooking.Status.CONFIRMED
        and seat.event.status == Event.Status.PUBLISHED
    )


def _seat_subject(text: str, seat: SeatBooking) -> str:
    return text % {"event": seat.event.title, "when": format_when(seat.event.start, seat.event.end)}


@kind("seat_confirmed", label=gettext_lazy("Event seats booked (to the seat holder)"))
def seat_confirmed(message) -> Email | None:
    seat = _seat(message)
    if not _live_seat(seat):
        return None
    subject = ngettext(
        "Seat booked: %(event)s, %(when)s", "Seats booked: %(event)s, %(when)s", seat.seats
    ) % {"event": seat.event.title, "when": format_when(seat.event.start, seat.event.end)}
    return _email(
        "seat_confirmed",
        _seat_context(seat, seats_url=_seats_url(seat), from_waitlist=hasattr(seat, "waitlist_entry")),
        subject=subject,
        reply_to=seat.event.practitioner.email,
        attachments=[_ics("event.ics", seat_ics(seat, "REQUEST"), "REQUEST")],
    )


@kind("seat_cancelled", label=gettext_lazy("Event seats cancelled (to the seat holder)"))
def seat_cancelled(message) -> Email | None:
    seat = _seat(message)
    if seat is None:
        return None
    all_gone = seat.status == SeatBooking.Status.CANCELLED
    subject = _seat_subject(
        _("Booking cancelled: %(event)s, %(when)s") if all_gone else _("Seats changed: %(event)s, %(when)s"),
        seat,
    )
    attachments = [_ics("event.ics", seat_ics(seat, "CANCEL"), "CANCEL")] if all_gone else []
    return _email(
        "seat_cancelled",
        _seat_context(
            seat,
            all_gone=all_gone,
            given_back=message.context.get("seats", 0),
            seats_url=None if all_gone else _seats_url(seat),
            events_url=absolute_url("bookings:events"),
        ),
        subject=subject,
        reply_to=seat.event.practitioner.email,
        attachments=attachments,
    )


@kind("seat_reminder", label=gettext_lazy("Reminder before an event (to the seat holder)"))
def seat_reminder(message) -> Email | None:
    seat = _seat(message)
    if not _live_seat(seat) or seat.event.start <= timezone.now():
        return None
    return _email(
        "seat_reminder",
        _seat_context(seat, seats_url=_seats_url(seat)),
        subject=_seat_subject(_("Reminder: %(event)s, %(when)s"), seat),
        reply_to=seat.event.practitioner.email,
    )


@kind("event_changed", label=gettext_lazy("Event moved (to the seat holders)"))
def event_changed(message) -> Email | None:
    seat = _seat(message)
    if not _live_seat(seat):
        return None
    return _email(
        "event_changed",
        _seat_context(seat, seats_url=_seats_url(seat)),
        subject=_seat_subject(_("Event changed: %(event)s, now %(when)s"), seat),
        reply_to=seat.event.practitioner.email,
        attachments=[_ics("event.ics", seat_ics(seat, "REQUEST"), "REQUEST")],
    )


@kind("event_cancelled", label=gettext_lazy("Event cancelled (to the seat holders)"))
def event_cancelled(message) -> Email | None:
    seat = _seat(message)
    if seat is None or seat.event.status != Event.Status.CANCELLED:
        return None
    return _email(
        "event_cancelled",
        _seat_context(
            seat, reason=message.context.get("reason", ""), events_url=absolute_url("bookings:events")
        ),
        subject=_seat_subject(_("Event cancelled: %(event)s, %(when)s"), seat),
        reply_to=seat.event.practitioner.email,
        attachments=[_ics("event.ics", seat_ics(seat, "CANCEL"), "CANCEL")],
    )


# --- the waitlist --------------------------------------------------------------------------------


def _entry(message) -> WaitlistEntry | None:
    try:
        return selectors_events.waitlist_entry_details(message.target_id)
    except WaitlistEntry.DoesNotExist:
        return None


def _entry_context(entry: WaitlistEntry, **extra) -> dict:
    event = entry.event
    return {
        "entry": entry,
        "event": event,
        "name": entry.name,
        "when": format_when(event.start, event.end),
        "event_url": absolute_url("bookings:event", slug=event.slug),
        **extra,
    }


@kind("waitlist_joined", label=gettext_lazy("Joined an event's waitlist (to the person waiting)"))
def waitlist_joined(message) -> Email | None:
    entry = _entry(message)
    if entry is None or entry.status != WaitlistEntry.Status.WAITING:
        return None
    token = link_create(purpose=WAITLIST_LINK, target=entry, expires_at=entry.event.end)
    return _email(
        "waitlist_joined",
        _entry_context(
            entry,
            position=selectors_events.waitlist_position(entry),
            waitlist_url=absolute_url("bookings:waitlist_entry", token=token),
            offer_hours=settings.EVENT_OFFER_HOURS,
        ),
        subject=_("You are on the waitlist: %(event)s, %(when)s")
        % {"event": entry.event.title, "when": format_when(entry.event.start, entry.event.end)},
        reply_to=entry.event.practitioner.email,
    )


@kind("waitlist_offer", label=gettext_lazy("Seats offered from the waitlist (to the person waiting)"))
def waitlist_offer(message) -> Email | None:
    """The offer's link lives exactly as long as the offer."""
    entry = _entry(message)
    now = timezone.now()
    if entry is None or entry.status != WaitlistEntry.Status.OFFERED or entry.offer_expires_at <= now:
        return None
    token = link_create(purpose=OFFER_LINK, target=entry, expires_at=entry.offer_expires_at)
    subject = ngettext(
        "A seat is free for you: %(event)s, %(when)s",
        "Seats are free for you: %(event)s, %(when)s",
        entry.seats,
    ) % {"event": entry.event.title, "when": format_when(entry.event.start, entry.event.end)}
    return _email(
        "waitlist_offer",
        _entry_context(
            entry,
            offer_url=absolute_url("bookings:offer", token=token),
            expires=format_when(entry.offer_expires_at),
            price=money(entry.event.price_per_seat * entry.seats, entry.event.vat_rate),
        ),
        subject=subject,
        reply_to=entry.event.practitioner.email,
    )


@kind("waitlist_offer_expired", label=gettext_lazy("Waitlist offer expired (to the person waiting)"))
def waitlist_offer_expired(message) -> Email | None:
    entry = _entry(message)
    if entry is None or entry.status != WaitlistEntry.Status.EXPIRED:
        return None
    return _email(
        "waitlist_offer_expired",
        _entry_context(entry),
        subject=_("The offer expired: %(event)s") % {"event": entry.event.title},
        reply_to=entry.event.practitioner.email,
    )


# --- series --------------------------------------------------------------------------------------


def _series(message) -> Series | None:
    try:
        return selectors_series.series_with_sessions(message.target_id)
    except Series.DoesNotExist:
        return None


def _series_url(series: Series) -> str:
    last = max((s.booking.end for s in series.sessions.all()), default=timezone.now())
    token = link_create(purpose=SERIES_LINK, target=series, expires_at=last + LINK_LIFETIME_AFTER_END)
    return absolute_url("bookings:series", token=token)


def _series_context(series: Series, **extra) -> dict:
    agreement = series.agreement
    return {
        "series": series,
        "agreement": agreement,
        "name": agreement.contact_name,
        "sessions": list(series.sessions.all()),
        "counts": selectors_series.series_counts(series),
        "price": money(agreement.price_per_session, agreement.vat_rate),
        **extra,
    }


def _session_ics(session, method: str) -> tuple[str, bytes, str]:
    return _ics(f"session-{session.number}.ics", booking_ics(session.booking, method), method)


LIVE = (Booking.Status.CONFIRMED, Booking.Status.REQUESTED)


@kind("series_booked", label=gettext_lazy("Supervision series booked (to the organisation's contact)"))
def series_booked(message) -> Email | None:
    """One email for the whole series, with one calendar file per session."""
    series = _series(message)
    if series is None:
        return None
    what = message.context.get("what", "confirmed")
    wanted = Booking.Status.REQUESTED if what == "requested" else Booking.Status.CONFIRMED
    sessions = [s for s in series.sessions.all() if s.booking.status == wanted]
    if not sessions:
        return None
    subject = (
        _("Supervision series requested: %(count)d sessions from %(first)s")
        if what == "requested"
        else _("Supervision series booked: %(count)d sessions from %(first)s")
    ) % {"count": len(sessions), "first": format_when(sessions[0].booking.start)}
    return _email(
        "series_booked",
        _series_context(series, what=what, booked=sessions, series_url=_series_url(series)),
        subject=subject,
        reply_to=series.practitioner.email,
        attachments=[_session_ics(s, "REQUEST") for s in sessions],
    )


@kind("series_changed", label=gettext_lazy("Supervision series changed (to the organisation's contact)"))
def series_changed(message) -> Email | None:
    series = _series(message)
    if series is None:
        return None
    what = message.context.get("what", "moved")
    numbers = set(message.context.get("numbers", []))
    changed = [s for s in series.sessions.all() if s.number in numbers]
    if not changed:
        return None
    method = "REQUEST" if what == "moved" else "CANCEL"
    subjects = {
        "moved": _("Supervision sessions moved: %(count)d"),
        "cancelled": _("Supervision sessions cancelled: %(count)d"),
        "declined": _("Your supervision series could not be confirmed"),
    }
    subject = subjects.get(what, subjects["moved"]) % {"count": len(changed)}
    return _email(
        "series_changed",
        _series_context(series, what=what, changed=changed, series_url=_series_url(series)),
        subject=subject,
        reply_to=series.practitioner.email,
        attachments=[_session_ics(s, method) for s in changed],
    )


@kind(
    "agreement_to_confirm",
    label=gettext_lazy("Supervision agreement to confirm (to the organisation's contact)"),
)
def agreement_to_confirm(message) -> Email | None:
    series = _series(message)
    if series is None or series.agreement.status != SupervisionAgreement.Status.PROPOSED:
        return None
    last = max((s.booking.end for s in series.sessions.all()), default=timezone.now())
    expires = max(last, timezone.now() + dt.timedelta(days=30)) + LINK_LIFETIME_AFTER_END
    token = link_create(purpose=AGREEMENT_LINK, target=series.agreement, expires_at=expires)
    return _email(
        "agreement_to_confirm",
        _series_context(series, agreement_url=absolute_url("bookings:agreement", token=token)),
        subject=_("Please confirm the supervision agreement: %(payer)s") % {"payer": series.agreement.payer},
        reply_to=series.practitioner.email,
    )


PRACTITIONER_SUBJECTS = {
    "requested": gettext_lazy("New supervision series request: %(payer)s"),
    "confirmed": gettext_lazy("New supervision series: %(payer)s"),
    "agreement_confirmed": gettext_lazy("Supervision agreement confirmed: %(payer)s"),
    "cancelled": gettext_lazy("Supervision sessions cancelled: %(payer)s"),
    "moved": gettext_lazy("Supervision sessions moved: %(payer)s"),
    "declined": gettext_lazy("Supervision series declined: %(payer)s"),
}


def _admin_url(series: Series) -> str:
    try:
        return absolute_url("admin:bookings_series_change", series.pk)
    except NoReverseMatch:
        return absolute_url("admin:index")


@kind("practitioner_series", label=gettext_lazy("Supervision series news (to the practitioner)"))
def practitioner_series(message) -> Email | None:
    series = _series(message)
    if series is None:
        return None
    what = message.context.get("what", "confirmed")
    numbers = set(message.context.get("numbers", []))
    subject = PRACTITIONER_SUBJECTS.get(what, PRACTITIONER_SUBJECTS["confirmed"]) % {
        "payer": series.agreement.payer
    }
    return _email(
        "practitioner_series",
        _series_context(
            series,
            what=what,
            changed=[s for s in series.sessions.all() if s.number in numbers],
            admin_url=_admin_url(series),
        ),
        subject=subject,
        reply_to=series.agreement.contact_email,
    )
