"""Demo: the practice's bank account and business ID, and invoices of last month — a few sessions
held then (two paid by an organisation that takes e-invoices), drafted, and one invoice sent.
This month's held sessions are left for the practitioner to invoice (Invoices → Make invoices).

Idempotent: sessions by submission key, invoices only once (when none exists yet).
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from bookings.actions.booking import booking_confirm
from bookings.actions.record import booking_mark
from bookings.models import Booking
from core.formats import iso_month
from core.time import HELSINKI
from invoicing.actions import invoice_finalise, invoices_draft, invoicing_settings_save
from invoicing.models import Invoice
from invoicing.selectors import settings_row
from practice.models import PracticeProfile
from practice.selectors import forget, profile

from .calendar import book, practitioner, session_types
from .site import ADMIN_USERNAME

IBAN, BIC = "FI4950009420028730", "OKOYFIHH"
ORGANISATION = {
    "organisation_name": "Esimerkkikunnan perhepalvelut",
    "business_id": "0201256-6",
    "einvoice_address": "003702012566",
    "einvoice_operator": "003721291126",
    "postal_address": "PL 100\n00099 Esimerkkikunta",
    "invoice_reference": "Perhetyö / tiimi 2",
}
SELLER = {
    "business_id": "3141590-3",
    "einvoice_address": "003731415903",
    "einvoice_operator": "003721291126",
    "street_address": "Kalevankatu 12 A 3",
    "postal_code": "00100",
    "city": "Helsinki",
}


def _seller() -> None:
    """The practice's invoicing identity, where the practice profile leaves it empty."""
    current = profile()
    missing = {field: value for field, value in SELLER.items() if not getattr(current, field)}
    if missing:
        PracticeProfile.objects.filter(pk=current.pk).update(**missing)
        forget()
    if not settings_row().iban:
        invoicing_settings_save(iban=IBAN, bic=BIC)


def _last_month_sessions(today: dt.date, user) -> None:
    types = session_types(practitioner())
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    plan = [
        (2, "yksilotyonohjaus", 0, {}),
        (9, "yksilotyonohjaus", 0, {}),
        (5, "yksilotyonohjaus", 1, {}),
        (12, "yksilotyonohjaus", 3, {}),
        (7, "ryhmatyonohjaus", 4, {"organisation": ORGANISATION, "group_size": 5}),
        (21, "ryhmatyonohjaus", 4, {"organisation": ORGANISATION, "group_size": 5}),
    ]
    for n, (day, slug, client, extra) in enumerate(plan):
        start = dt.datetime.combine(first + dt.timedelta(days=day), dt.time(10 + n % 4), tzinfo=HELSINKI)
        booking = book(
            f"demo-invoicing-{iso_month(first)}-{n}",
            types[slug],
            start,
            client,
            made_at=start - dt.timedelta(days=10),
            **extra,
        )
        if booking is None:
            continue
        if booking.status == Booking.Status.REQUESTED:  # group supervision is confirmed by hand
            booking = booking_confirm(booking=booking, by_user=user, now=start - dt.timedelta(days=9))
        booking_mark(booking=booking, status="completed", by_user=user)


def load(out) -> None:
    now = timezone.now()
    today = now.astimezone(HELSINKI).date()
    _seller()
    user = get_user_model().objects.get(username=ADMIN_USERNAME)
    _last_month_sessions(today, user)
    if not Invoice.objects.exists():
        first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        drafts = invoices_draft(
            first_day=first, last_day=today.replace(day=1) - dt.timedelta(days=1), by_user=user
        )
        emailed = [d for d in drafts if d.delivery == Invoice.Delivery.EMAIL]
        if emailed:
            invoice_finalise(invoice=emailed[0], by_user=user, now=now)
    drafts = Invoice.objects.filter(status=Invoice.Status.DRAFT).count()
    sent = Invoice.objects.exclude(status=Invoice.Status.DRAFT).count()
    out.write(f"invoicing: {drafts} draft invoices and {sent} sent, of last month's sessions")
