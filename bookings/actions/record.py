"""The practitioner's record of a booking (held or a no-show, the internal note, the client's
details) and the client's check-in answer."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from notifications.actions import message_cancel

from ..exceptions import InvalidState
from ..kinds import BookingMessage
from ..models import Booking, BookingChange, Feedback
from .common import (
    booking_lock,
    history_add,
)


def booking_mark(*, booking: Booking, status: str, by_user) -> Booking:
    """Marks a past confirmed booking completed or no-show."""
    if status not in (Booking.Status.COMPLETED, Booking.Status.NO_SHOW):
        raise InvalidState
    with transaction.atomic():
        booking = booking_lock(booking)
        if booking.status not in (Booking.Status.CONFIRMED, Booking.Status.COMPLETED, Booking.Status.NO_SHOW):
            raise InvalidState
        booking.status = status
        booking.save(update_fields=["status", "updated_at"])
        action = (
            BookingChange.Action.COMPLETED
            if status == Booking.Status.COMPLETED
            else BookingChange.Action.NO_SHOW
        )
        history_add(booking, action, by_user=by_user)
        if status == Booking.Status.NO_SHOW:
            message_cancel(target=booking, kinds=[BookingMessage.CHECKIN])
        return booking


def booking_note(*, booking: Booking, note: str, by_user) -> Booking:
    """Sets the practitioner's internal note (never shown to the client) and records who changed
    it in the booking's history. The same note again changes and records nothing."""
    with transaction.atomic():
        booking = booking_lock(booking)
        note = note.strip()
        if note == booking.internal_note:
            return booking
        booking.internal_note = note
        booking.save(update_fields=["internal_note", "updated_at"])
        # The history is the practitioner's: it says, in their language, what the note became.
        what = _("Internal note: %(note)s") % {"note": note} if note else _("Internal note removed.")
        history_add(booking, BookingChange.Action.EDITED, by_user=by_user, note=what)
        return booking


def feedback_submit(*, booking: Booking, rating: int, helped: str, change: str, wants_next: bool) -> Feedback:
    """Stores the client's answer to the check-in of `booking`, once: a second submission (a
    double click, a second tab) returns the first answer unchanged."""
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                booking=booking, rating=rating, helped=helped, change=change, wants_next=wants_next
            )
    except IntegrityError:
        return Feedback.objects.get(booking=booking)


def booking_edit(*, booking: Booking, changed: list[str], by_user) -> Booking:
    """Saves the practitioner's edit of a booking's contact and invoicing details (`booking` carries
    the new values, `changed` names the fields); the internal note goes through booking_note, so
    the history shows who changed it. Times and states change only through their own actions."""
    with transaction.atomic():
        fields = [name for name in changed if name != "internal_note"]
        if fields:
            booking.full_clean(exclude=["block", "practitioner", "session_type", "location", "created_by"])
            booking.save(update_fields=[*fields, "updated_at"])
            # The history is the practitioner's: it names the fields changed, in their language.
            labels = ", ".join(str(Booking._meta.get_field(name).verbose_name) for name in fields)
            history_add(
                booking,
                BookingChange.Action.EDITED,
                by_user=by_user,
                note=_("Details changed: %(fields)s") % {"fields": labels},
            )
        if "internal_note" in changed:
            booking = booking_note(booking=booking, note=booking.internal_note, by_user=by_user)
        return booking
