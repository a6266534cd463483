"""The personal data of supervision agreements, registered with privacy.registry (find, export,
erase, retention).

Retention (the daily privacy.purge_expired pass): an agreement's contact person and participants
are blanked BOOKING_RETENTION_DAYS after the series' last session, like the bookings'. Erasure
blanks the same at once; the payer's invoicing identifiers stay for the accounts. A series'
sessions are bookings, covered by the bookings' own registration.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Max

from privacy.registry import PersonalData, register

from .actions.agreement import agreement_contacts_blank
from .models import SupervisionAgreement


def _when(value):
    return value.isoformat() if value else None


def _retention() -> dt.timedelta:
    return dt.timedelta(days=settings.BOOKING_RETENTION_DAYS)


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
    return agreement_contacts_blank(
        agreements=SupervisionAgreement.objects.filter(pk__in=[a.pk for a in agreements])
    )


def purge_contacts(now: dt.datetime) -> int:
    """Agreements whose last session ended BOOKING_RETENTION_DAYS ago lose the contact person's
    details and the participants (the payer's invoicing identifiers stay)."""
    old = (
        SupervisionAgreement.objects.exclude(contact_email="")
        .annotate(last_end=Max("series__sessions__booking__end"))
        .filter(last_end__lte=now - _retention())
    )
    return agreement_contacts_blank(
        agreements=SupervisionAgreement.objects.filter(pk__in=list(old.values_list("pk", flat=True)))
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
