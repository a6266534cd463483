"""The personal data of bookings, registered with privacy.registry (find, export, erase, retention).

Erasing a booking keeps it as an anonymous time block for the accounts (time, service, price, VAT,
the paying organisation's invoicing identifiers) and removes everything about the person: name,
contact details, their messages and check-in answers, notes about them, their personal links and
pending emails. A booking still ahead is cancelled and its time freed: nobody could be reached.
Retention: the same anonymisation BOOKING_RETENTION_DAYS after the session.
"""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from privacy.registry import PersonalData, register

from .actions.retention import booking_anonymise, bookings_anonymise_expired
from .models import Booking, Feedback


def find(email: str) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(email__iexact=email.strip())
        .exclude(email="")
        .select_related("session_type", "practitioner", "location", "feedback")
        .prefetch_related("changes")
        .order_by("start")
    )


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _feedback(booking: Booking) -> dict | None:
    try:
        feedback = booking.feedback
    except Feedback.DoesNotExist:
        return None
    return {
        "rating": feedback.rating,
        "what_helped": feedback.helped,
        "what_to_change": feedback.change,
        "would_like_a_next_session": feedback.wants_next,
        "answered_at": _when(feedback.answered_at),
    }


def export(bookings) -> list[dict]:
    return [
        {
            "reference": str(b.uid),
            "service": b.session_type.service,
            "session_type": b.session_type.name,
            "practitioner": b.practitioner.display_name,
            "start": _when(b.start),
            "end": _when(b.end),
            "modality": b.modality,
            "place": b.location.name if b.location else None,
            "status": b.status,
            "name": b.client_name,
            "email": b.email,
            "phone": b.phone,
            "language": b.language,
            "number_of_participants": b.group_size,
            "message_to_the_practitioner": b.notes,
            "practitioners_note": b.internal_note,
            "reason_for_declining": b.decline_reason,
            "organisation": {
                "name": b.organisation_name,
                "business_id": b.business_id,
                "einvoice_address": b.einvoice_address,
                "einvoice_operator": b.einvoice_operator,
                "postal_address": b.postal_address,
                "reference": b.invoice_reference,
            },
            "price": str(b.price),
            "vat_rate": str(b.vat_rate),
            "booked_at": _when(b.created_at),
            "cancelled_at": _when(b.cancelled_at),
            "history": [
                {"at": _when(c.at), "action": c.action, "by_you": c.by_client, "note": c.note}
                for c in b.changes.all()
            ],
            "check_in": _feedback(b),
        }
        for b in bookings
    ]


def erase(bookings) -> int:
    return booking_anonymise(
        bookings=Booking.objects.filter(pk__in=[b.pk for b in bookings]), now=timezone.now()
    )


register(
    PersonalData(
        name="bookings",
        find=find,
        export=export,
        erase=erase,
        purge_due=lambda now: bookings_anonymise_expired(now=now),
        retention=(
            f"Client details of a booking: {settings.BOOKING_RETENTION_DAYS} days after the session, then "
            "anonymised (the time, service and price stay for the accounts)."
        ),
    )
)
