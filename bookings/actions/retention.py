"""Retention and erasure of bookings' personal data (privacy.registry calls these through
bookings.personal_data).

Erasing a booking keeps it as an anonymous time block for the accounts (time, service, price, VAT,
the paying organisation's invoicing identifiers) and removes everything about the person: name,
contact details, their messages and check-in answers, notes about them, their personal links and
pending emails. A booking still ahead is cancelled and its time freed: nobody could be reached.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from notifications.actions import message_cancel
from privacy.links import links_forget

from ..models import Booking, BookingChange, Feedback
from .calendar import block_release

# What identifies or describes the person; blanked on erasure. Organisation identifiers stay.
PERSONAL_FIELDS = {
    "client_name": "",
    "email": "",
    "phone": "",
    "notes": "",
    "internal_note": "",
    "decline_reason": "",
    "invoice_reference": "",
    "submission_key": None,
}


def booking_anonymise(*, bookings: QuerySet[Booking], now: dt.datetime) -> int:
    """Leaves each booking as an anonymous time block. Returns how many bookings were anonymised.

    Guarantees: one transaction; a booking still ahead is cancelled and its time freed; no pending
    email about it is sent any more; its personal links stop working.
    """
    with transaction.atomic():
        bookings = list(bookings.select_for_update().select_related("block"))
        ids = [b.pk for b in bookings]
        for booking in bookings:
            if booking.is_live and booking.end > now:
                block_release(block=booking.block)
                Booking.objects.filter(pk=booking.pk).update(
                    status=Booking.Status.CANCELLED, cancelled_at=now, sequence=booking.sequence + 1
                )
            message_cancel(target=booking)
        Booking.objects.filter(pk__in=ids).update(**PERSONAL_FIELDS, updated_at=now)
        BookingChange.objects.filter(booking__in=ids).exclude(note="").update(note="")
        Feedback.objects.filter(booking__in=ids).delete()
        links_forget(model=Booking, ids=ids)
        return len(ids)


def bookings_anonymise_expired(*, now: dt.datetime) -> int:
    """Anonymises bookings whose session ended more than BOOKING_RETENTION_DAYS ago."""
    cutoff = now - dt.timedelta(days=settings.BOOKING_RETENTION_DAYS)
    due = Booking.objects.filter(end__lt=cutoff).filter(~Q(email="") | ~Q(client_name=""))
    return booking_anonymise(bookings=due, now=now)
