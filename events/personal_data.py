"""The personal data of event seats and waitlists, registered with
privacy.registry (find, export, erase, retention).

Retention (the daily privacy.purge_expired pass): the health self-declarations of seat holders
are purged EVENT_HEALTH_RETENTION_DAYS after the event; the names and contact details of seat
holders and people in the waitlist are blanked BOOKING_RETENTION_DAYS after the event, like the
bookings'. Erasure blanks the same at once; the seats and prices stay for the accounts.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from privacy.registry import PersonalData, register

from .actions.seats import attendees_anonymise, seat_health_purge
from .models import SeatBooking, WaitlistEntry


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
    seats = [o.pk for o in objects if isinstance(o, SeatBooking)]
    entries = [o.pk for o in objects if isinstance(o, WaitlistEntry)]
    return attendees_anonymise(
        seats=SeatBooking.objects.filter(pk__in=seats),
        entries=WaitlistEntry.objects.filter(pk__in=entries),
        now=timezone.now(),
    )


def _retention() -> dt.timedelta:
    return dt.timedelta(days=settings.BOOKING_RETENTION_DAYS)


def purge_attendees(now: dt.datetime) -> int:
    """Health answers after EVENT_HEALTH_RETENTION_DAYS; everything about the person after
    BOOKING_RETENTION_DAYS. Returns how many rows were purged."""
    count = seat_health_purge(now=now)
    ended = now - _retention()
    count += attendees_anonymise(
        seats=SeatBooking.objects.filter(event__end__lte=ended).exclude(email=""),
        entries=WaitlistEntry.objects.filter(event__end__lte=ended).exclude(email=""),
        now=now,
    )
    return count


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
