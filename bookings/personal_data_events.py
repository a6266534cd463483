"""The personal data of event seats, waitlists and supervision agreements, registered with
privacy.registry (find, export, erase, retention).

Retention (the daily privacy.purge_expired pass): the health self-declarations of seat holders
are purged EVENT_HEALTH_RETENTION_DAYS after the event; the names and contact details of seat
holders and people in the waitlist, and of an agreement's contact person and participants, are
blanked BOOKING_RETENTION_DAYS after the event or the series' last session, like the bookings'.
Erasure blanks the same at once; the seats, prices and an organisation's invoicing identifiers stay
for the accounts. A series' sessions are bookings, covered by the bookings' own registration.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from privacy.registry import PersonalData, register

from .actions import seat_health_purge
from .models import SeatBooking, SupervisionAgreement, WaitlistEntry


def _when(value):
    return value.isoformat() if value else None


def find_attendee(email: str) -> list:
    email = email.strip()
    if not email:
        return []
    seats = SeatBooking.objects.filter(email__iexact=email).select_related("event")
    entries = WaitlistEntry.objects.filter(email__iexact=email).select_related("event")
    return [*seats, *entries]


def export_attendee(objects) -> list[dict]:
    rows = []
    for obj in objects:
        row = {
            "event": obj.event.title_fi,
            "event_start": _when(obj.event.start),
            "name": obj.name,
            "email": obj.email,
            "seats": obj.seats,
            "status": obj.status,
        }
        if isinstance(obj, SeatBooking):
            row |= {
                "kind": "event seats",
                "phone": obj.phone,
                "booked_at": _when(obj.created_at),
                "health_self_declaration": obj.health,
                "health_consent_at": _when(obj.health_consent_at),
                "health_purged_at": _when(obj.health_purged_at),
            }
        else:
            row |= {"kind": "event waitlist", "joined_at": _when(obj.joined_at)}
        rows.append(row)
    return rows


def _blank_attendees(seats, entries, now: dt.datetime) -> int:
    with transaction.atomic():
        count = seats.update(
            name="", email="", phone="", health_answers="", health_purged_at=now, submission_key=None
        )
        count += entries.update(name="", email="", submission_key=None)
    return count


def erase_attendee(objects) -> int:
    seats = [o.pk for o in objects if isinstance(o, SeatBooking)]
    entries = [o.pk for o in objects if isinstance(o, WaitlistEntry)]
    return _blank_attendees(
        SeatBooking.objects.filter(pk__in=seats), WaitlistEntry.objects.filter(pk__in=entries), timezone.now()
    )


def _retention() -> dt.timedelta:
    return dt.timedelta(days=settings.BOOKING_RETENTION_DAYS)


def purge_attendees(now: dt.datetime) -> int:
    """Health answers after EVENT_HEALTH_RETENTION_DAYS; everything about the person after
    BOOKING_RETENTION_DAYS. Returns how many rows were purged."""
    count = seat_health_purge(now=now)
    ended = now - _retention()
    count += _blank_attendees(
        SeatBooking.objects.filter(event__end__lte=ended).exclude(email=""),
        WaitlistEntry.objects.filter(event__end__lte=ended).exclude(email=""),
        now,
    )
    return count


def find_contact(email: str):
    email = email.strip()
    return SupervisionAgreement.objects.filter(contact_email__iexact=email) if email else []


def export_contact(agreements) -> list[dict]:
    return [
        {
            "kind": "supervision agreement contact person",
            "organisation": a.organisation_name,
            "name": a.contact_name,
            "email": a.contact_email,
            "phone": a.contact_phone,
            "participants": a.participants,
            "goals": a.goals,
            "confirmed_by": a.confirmed_by,
            "confirmed_at": _when(a.confirmed_at),
        }
        for a in agreements
    ]


def _blank_contacts(agreements) -> int:
    return agreements.update(
        contact_name="",
        contact_email="",
        contact_phone="",
        participants="",
        confirmed_by="",
        invoice_reference="",
    )


def erase_contact(agreements) -> int:
    return _blank_contacts(SupervisionAgreement.objects.filter(pk__in=[a.pk for a in agreements]))


def purge_contacts(now: dt.datetime) -> int:
    """Agreements whose last session ended BOOKING_RETENTION_DAYS ago lose the contact person's
    details and the participants (the payer's invoicing identifiers stay)."""
    old = (
        SupervisionAgreement.objects.exclude(contact_email="")
        .annotate(last_end=Max("series__sessions__booking__end"))
        .filter(last_end__lte=now - _retention())
    )
    return _blank_contacts(SupervisionAgreement.objects.filter(pk__in=list(old.values_list("pk", flat=True))))


register(
    PersonalData(
        name="event_seats",
        find=find_attendee,
        export=export_attendee,
        erase=erase_attendee,
        purge_due=purge_attendees,
        retention=(
            "Health self-declarations EVENT_HEALTH_RETENTION_DAYS (30) days after the event; names and "
            "contact details BOOKING_RETENTION_DAYS (730) days after it"
        ),
    )
)
register(
    PersonalData(
        name="supervision_agreements",
        find=find_contact,
        export=export_contact,
        erase=erase_contact,
        purge_due=purge_contacts,
        retention=(
            "The contact person's details and the participants BOOKING_RETENTION_DAYS (730) days after "
            "the last session; the payer's invoicing identifiers stay for the accounts"
        ),
    )
)
