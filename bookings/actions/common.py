"""What every booking action shares: who books (Client), the booking's row lock, its history, its
personal link, and the messages a booking sends (to the client, to the practitioner, the reminder
and the check-in). Callers hold the transaction."""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.conf import settings

from core.db import lock_wait_limited
from core.time import wall_clock_before
from notifications.actions import message_cancel, message_queue, message_supersede
from privacy.links import link_create

from ..kinds import BookingLink, BookingMessage
from ..models import Booking, BookingChange, Modality, Practitioner

CHECKIN_DELAY = dt.timedelta(hours=2)
LINK_LIFETIME_AFTER_END = dt.timedelta(days=60)


@dataclass
class Client:
    """Who books, as given in the details step (already cleaned by a form)."""

    name: str
    email: str
    phone: str = ""
    language: str = "fi"
    notes: str = ""
    group_size: int = 1
    organisation: dict = field(default_factory=dict)  # OrganisationDetails field names → values


def meeting_url_for(practitioner: Practitioner, modality: str) -> str:
    """The video link of an online session: the practitioner's own room, or a unique new one."""
    if modality != Modality.ONLINE:
        return ""
    if practitioner.meeting_url:
        return practitioner.meeting_url
    return f"{settings.VIDEO_MEETING_BASE_URL.rstrip('/')}/{secrets.token_urlsafe(12)}"


def manage_link(booking: Booking) -> str:
    """A fresh personal link to the booking's self-service page, valid until a while after it ends."""
    return link_create(
        purpose=BookingLink.MANAGE, target=booking, expires_at=booking.end + LINK_LIFETIME_AFTER_END
    )


def queue_client(booking: Booking, kind: str, *, occurrence: str | None = None) -> None:
    """An email of `kind` about the booking to the client, in their language."""
    message_queue(
        kind=kind,
        target=booking,
        recipient=booking.email,
        language=booking.language,
        occurrence=str(booking.sequence) if occurrence is None else occurrence,
    )


def queue_practitioner(booking: Booking, what: str) -> None:
    """News of the booking (`what` happened) to its practitioner."""
    message_queue(
        kind=BookingMessage.PRACTITIONER,
        target=booking,
        recipient=booking.practitioner.email,
        language=booking.practitioner.language,
        occurrence=f"{what}-{booking.sequence}",
        context={"what": what},
    )


def followups_schedule(booking: Booking, now: dt.datetime) -> None:
    """The reminder (unless its time has passed) and the check-in of a confirmed booking's current time."""
    reminder_at = wall_clock_before(booking.start, hours=booking.session_type.reminder_lead_hours)
    message_cancel(target=booking, kinds=[BookingMessage.REMINDER, BookingMessage.CHECKIN])
    if reminder_at > now:
        message_supersede(
            kind=BookingMessage.REMINDER,
            target=booking,
            recipient=booking.email,
            language=booking.language,
            due_at=reminder_at,
            occurrence=str(booking.sequence),
        )
    message_supersede(
        kind=BookingMessage.CHECKIN,
        target=booking,
        recipient=booking.email,
        language=booking.language,
        due_at=booking.end + CHECKIN_DELAY,
        occurrence=str(booking.sequence),
    )


def history_add(
    booking: Booking, action: str, *, by_user=None, by_client=False, old_start=None, note=""
) -> None:
    """One line of the booking's history: who did what, when."""
    BookingChange.objects.create(
        booking=booking,
        action=action,
        by_user=by_user,
        by_client=by_client,
        old_start=old_start,
        new_start=booking.start,
        note=note,
    )


def booking_lock(booking: Booking) -> Booking:
    """The booking's row, locked until the transaction ends (Busy after DB_LOCK_TIMEOUT_MS)."""
    with lock_wait_limited():
        return (
            Booking.objects.select_for_update()
            .select_related("session_type", "practitioner", "block")
            .get(pk=booking.pk)
        )
