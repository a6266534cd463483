"""The personal data of event seats, waitlists and supervision agreements, registered with
privacy.registry (find, export, erase, retention).

Retention: the health self-declarations of seat holders are purged EVENT_HEALTH_RETENTION_DAYS
after the event (the daily privacy.purge_expired pass). Erasure blanks the person's details and
answers; the seats, prices and an organisation's invoicing identifiers stay for the accounts.
A series' sessions are bookings, covered by the bookings' own registration.
"""

from django.db import transaction
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


def erase_attendee(objects) -> int:
    now = timezone.now()
    seats = [o.pk for o in objects if isinstance(o, SeatBooking)]
    entries = [o.pk for o in objects if isinstance(o, WaitlistEntry)]
    with transaction.atomic():
        count = SeatBooking.objects.filter(pk__in=seats).update(
            name="", email="", phone="", health_answers="", health_purged_at=now, submission_key=None
        )
        count += WaitlistEntry.objects.filter(pk__in=entries).update(name="", email="", submission_key=None)
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


def erase_contact(agreements) -> int:
    return SupervisionAgreement.objects.filter(pk__in=[a.pk for a in agreements]).update(
        contact_name="", contact_email="", contact_phone="", participants="", confirmed_by=""
    )


register(
    PersonalData(
        name="event_seats",
        find=find_attendee,
        export=export_attendee,
        erase=erase_attendee,
        purge_due=lambda now: seat_health_purge(now=now),
        retention="health self-declarations: EVENT_HEALTH_RETENTION_DAYS (30) days after the event",
    )
)
register(
    PersonalData(
        name="supervision_agreements",
        find=find_contact,
        export=export_contact,
        erase=erase_contact,
        retention="kept with the agreement for the accounts",
    )
)
