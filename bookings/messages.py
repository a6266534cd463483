"""Message kinds of bookings, registered with notifications (see notifications/registry.py).

Each builder runs at send time in the recipient's language and renders the booking as it is
then; it returns None when the message no longer applies (the booking moved on).

Personal links: the client's self-service link comes from `message.context["manage_token"]`
when the action passed one; otherwise the builder makes a fresh link (purpose "booking") for
this email, so that no token needs to wait in the database. The check-in link (purpose
"checkin") is always made here, when the check-in is sent: it lives CHECKIN_LINK_LIFETIME.
"""

import datetime as dt

from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formats import format_date, format_when
from core.money import format_price
from notifications.registry import Email, kind
from notifications.rendering import absolute_url, absolute_url_or_none, render_email
from practice.selectors import profile
from privacy.links import link_create

from . import selectors
from .actions.common import LINK_LIFETIME_AFTER_END
from .ics import attachment, booking_ics
from .kinds import BookingLink, BookingMessage
from .models import Booking, BookingChange, Modality

CHECKIN_LINK_LIFETIME = dt.timedelta(days=30)
CHECKIN_SEND_WITHIN = dt.timedelta(days=3)  # a check-in later than this after the session is skipped
Status = Booking.Status


def _booking(message) -> Booking | None:
    return selectors.bookings_with_places().filter(pk=message.target_id).first()


def _place(booking: Booking):
    """The place the client is told about: directions, getting in, accessibility and parking, or
    online how to join (the booking comes from selectors.bookings_with_places)."""
    if booking.modality != Modality.ONLINE or (booking.location and booking.location.is_online):
        return booking.location
    return getattr(booking, "online_place", None)  # not set when the practitioner has none


def _price(booking: Booking) -> str:
    return format_price(booking.price, booking.vat_rate, vat_registered=profile().vat_registered)


def _manage_url(message, booking: Booking) -> str:
    token = message.context.get("manage_token") or link_create(
        purpose=BookingLink.MANAGE, target=booking, expires_at=booking.end + LINK_LIFETIME_AFTER_END
    )
    return absolute_url("bookings:manage", token=token)


def booking_admin_url(booking: Booking) -> str:
    """The booking's page in the workspace (or its front page where the booking has none)."""
    try:
        return absolute_url("admin:bookings_booking_change", booking.pk)
    except NoReverseMatch:
        return absolute_url("admin:index")


def booking_context(booking: Booking, **extra) -> dict:
    """What every booking email shows: the booking, its service, price and where to book again."""
    return {
        "booking": booking,
        "service": booking.session_type.name,
        "online": booking.modality == Modality.ONLINE,
        "price": _price(booking),
        "book_url": absolute_url_or_none("bookings:start"),
        **extra,
    }


def _ics(booking: Booking, method: str) -> tuple[str, bytes, str]:
    return attachment("booking.ics", booking_ics(booking, method=method), method)


def _when(booking: Booking) -> str:
    return format_when(booking.start, booking.end)


def _client_email(
    template: str, booking: Booking, subject: str, *, method: str | None = None, **extra
) -> Email:
    return render_email(
        f"bookings/email/{template}",
        booking_context(booking, place=_place(booking), **extra),
        subject=subject,
        attachments=[_ics(booking, method)] if method else [],
        reply_to=[booking.practitioner.email],
    )


@kind(BookingMessage.REQUESTED, label=gettext_lazy("Booking request received (to the client)"))
def booking_requested(message) -> Email | None:
    booking = _booking(message)
    if booking is None or booking.status != Status.REQUESTED:
        return None
    subject = _("Booking request received: %(service)s, %(when)s") % {
        "service": booking.session_type.name,
        "when": _when(booking),
    }
    return _client_email(
        BookingMessage.REQUESTED, booking, subject, method="REQUEST", manage_url=_manage_url(message, booking)
    )


@kind(BookingMessage.CONFIRMED, label=gettext_lazy("Booking confirmed (to the client)"))
def booking_confirmed(message) -> Email | None:
    booking = _booking(message)
    if booking is None or booking.status != Status.CONFIRMED:
        return None
    subject = _("Booking confirmed: %(service)s, %(when)s") % {
        "service": booking.session_type.name,
        "when": _when(booking),
    }
    cutoff = booking.cancellation_cutoff
    was_request = booking.changes.filter(action=BookingChange.Action.REQUESTED).exists()
    return _client_email(
        BookingMessage.CONFIRMED,
        booking,
        subject,
        method="REQUEST",
        manage_url=_manage_url(message, booking),
        cutoff=cutoff,
        was_request=was_request,
    )


@kind(BookingMessage.DECLINED, label=gettext_lazy("Booking request declined (to the client)"))
def booking_declined(message) -> Email | None:
    booking = _booking(message)
    if booking is None or booking.status != Status.DECLINED:
        return None
    subject = _("Your booking request could not be confirmed: %(when)s") % {"when": _when(booking)}
    return _client_email(BookingMessage.DECLINED, booking, subject, method="CANCEL")


@kind(BookingMessage.RESCHEDULED, label=gettext_lazy("Booking moved (to the client)"))
def booking_rescheduled(message) -> Email | None:
    booking = _booking(message)
    if booking is None or booking.status not in (Status.CONFIRMED, Status.REQUESTED):
        return None
    subject = _("Booking moved to %(when)s: %(service)s") % {
        "service": booking.session_type.name,
        "when": _when(booking),
    }
    change = booking.changes.filter(action=BookingChange.Action.RESCHEDULED).order_by("-at", "-pk").first()
    return _client_email(
        BookingMessage.RESCHEDULED,
        booking,
        subject,
        method="REQUEST",
        manage_url=_manage_url(message, booking),
        old_start=change.old_start if change else None,
    )


@kind(BookingMessage.CANCELLED, label=gettext_lazy("Booking cancelled (to the client)"))
def booking_cancelled(message) -> Email | None:
    booking = _booking(message)
    if booking is None or booking.status != Status.CANCELLED:
        return None
    subject = _("Booking cancelled: %(service)s, %(when)s") % {
        "service": booking.session_type.name,
        "when": _when(booking),
    }
    return _client_email(BookingMessage.CANCELLED, booking, subject, method="CANCEL")


@kind(
    BookingMessage.REMINDER,
    label=gettext_lazy("Reminder before a session (to the client)"),
    until=lambda message: message.target.start,
)
def booking_reminder(message) -> Email | None:
    """Only for a confirmed booking, and only before it begins (later it is skipped as too late);
    a reminder is never queued for a booking made (or moved) after its reminder time
    (bookings.actions decides that when queuing)."""
    booking = _booking(message)
    if booking is None or booking.status != Status.CONFIRMED:
        return None
    subject = _("Reminder: %(service)s, %(when)s") % {
        "service": booking.session_type.name,
        "when": _when(booking),
    }
    cutoff = booking.cancellation_cutoff
    return _client_email(
        BookingMessage.REMINDER,
        booking,
        subject,
        manage_url=_manage_url(message, booking),
        cutoff=cutoff if cutoff > timezone.now() else None,
    )


@kind(
    BookingMessage.CHECKIN,
    label=gettext_lazy("Check-in after a session (to the client)"),
    until=lambda message: message.target.end + CHECKIN_SEND_WITHIN,
)
def booking_checkin(message) -> Email | None:
    """After a session that took place (confirmed or completed, ended, not yet answered), within
    CHECKIN_SEND_WITHIN of its end: later it is skipped as too late."""
    booking = _booking(message)
    if (
        booking is None
        or booking.status not in (Status.CONFIRMED, Status.COMPLETED)
        or booking.end > timezone.now()
        or hasattr(booking, "feedback")
    ):
        return None
    token = link_create(
        purpose=BookingLink.CHECKIN,
        target=booking,
        expires_at=max(booking.end, timezone.now()) + CHECKIN_LINK_LIFETIME,
    )
    subject = _("How was your session? %(service)s, %(date)s") % {
        "service": booking.session_type.name,
        "date": format_date(booking.start),
    }
    return _client_email(
        BookingMessage.CHECKIN, booking, subject, checkin_url=absolute_url("bookings:checkin", token=token)
    )


PRACTITIONER_SUBJECTS = {
    "created": gettext_lazy("New booking: %(client)s, %(when)s"),
    "requested": gettext_lazy("New booking request: %(client)s, %(when)s"),
    "rescheduled": gettext_lazy("Booking moved: %(client)s, %(when)s"),
    "cancelled": gettext_lazy("Booking cancelled: %(client)s, %(when)s"),
}


@kind(BookingMessage.PRACTITIONER, label=gettext_lazy("Booking news (to the practitioner)"))
def practitioner_booking(message) -> Email | None:
    """To the practitioner: a new booking or request, a move or a cancellation, with a link to admin.
    News of a session that has already ended (recorded afterwards) is not sent."""
    booking = _booking(message)
    if booking is None or booking.end <= timezone.now():
        return None
    what = message.context.get("what", "created")
    subject = PRACTITIONER_SUBJECTS.get(what, PRACTITIONER_SUBJECTS["created"]) % {
        "client": booking.client_name,
        "when": _when(booking),
    }
    change = booking.changes.filter(action=BookingChange.Action.RESCHEDULED).order_by("-at", "-pk").first()
    return render_email(
        "bookings/email/practitioner_booking",
        booking_context(
            booking,
            what=what,
            admin_url=booking_admin_url(booking),
            old_start=change.old_start if change and what == "rescheduled" else None,
        ),
        subject=subject,
        reply_to=[booking.email],
    )
