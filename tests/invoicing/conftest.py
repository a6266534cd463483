"""Invoicing tests: the practice as seller, its bank account, and held sessions to invoice.

Sessions are booked a few days ahead (through the real booking actions) and invoiced "later" by
passing a `now` after them, so nothing depends on the day the suite runs.
"""

import datetime as dt
from decimal import Decimal

import pytest

from bookings.actions.booking import booking_create
from bookings.actions.change import booking_cancel
from bookings.actions.common import Client
from bookings.actions.record import booking_mark
from core.time import HELSINKI
from invoicing.actions import invoicing_settings_save
from practice.models import PracticeProfile
from practice.selectors import forget
from tests.factories import StaffFactory, bookable

SELLER_ID = "3141590-3"
IBAN = "FI4950009420028730"
ORGANISATION = {
    "organisation_name": "Esimerkkikunnan perhepalvelut",
    "business_id": "0201256-6",
    "einvoice_address": "003702012566",
    "einvoice_operator": "003721291126",
    "postal_address": "PL 100\n00099 Esimerkkikunta",
    "invoice_reference": "Perhetyö / tiimi 2",
}


def seller_profile(**fields) -> PracticeProfile:
    values = {
        "name": "Ohjaamo Työnohjaus",
        "practitioner_name": "Aino Ohjaaja",
        "email": "ohjaamo@example.fi",
        "phone": "+358 40 123 4567",
        "business_id": SELLER_ID,
        "vat_registered": True,
        "einvoice_address": "003731415903",
        "einvoice_operator": "003721291126",
        "street_address": "Kalevankatu 12 A 3",
        "postal_code": "00100",
        "city": "Helsinki",
        **fields,
    }
    profile, _created = PracticeProfile.objects.update_or_create(pk=1, defaults=values)
    forget()
    return profile


@pytest.fixture
def practice(db):
    profile = seller_profile()
    invoicing_settings_save(iban=IBAN, bic="OKOYFIHH")
    return profile


@pytest.fixture
def staff(db):
    return StaffFactory(username="aino", is_superuser=True)


def day_ahead(days: int, hour: int = 10) -> dt.datetime:
    day = dt.datetime.now(HELSINKI).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HELSINKI)


def month_of(start: dt.datetime) -> tuple[dt.date, dt.date]:
    first = start.astimezone(HELSINKI).date().replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def held(
    session_type,
    start,
    *,
    outcome="completed",
    name="Maija Virtanen",
    email="maija@example.fi",
    language="fi",
    organisation=None,
    by_user=None,
):
    """A booking of `start` that was held (completed), a no-show, or cancelled late ("late") or in time."""
    booking, _token = booking_create(
        session_type=session_type,
        start=start,
        modality=session_type.modality_list[0],
        client=Client(name=name, email=email, language=language, organisation=organisation or {}),
        now=start - dt.timedelta(days=7),
    )
    if outcome in ("completed", "no_show"):
        booking_mark(booking=booking, status=outcome, by_user=by_user)
    elif outcome == "late":
        booking_cancel(booking=booking, by_user=by_user or StaffFactory(), now=start - dt.timedelta(hours=2))
    elif outcome == "in_time":
        booking_cancel(booking=booking, now=start - dt.timedelta(days=3))
    booking.refresh_from_db()
    return booking


@pytest.fixture
def supervision(db):
    """A practitioner open every day and an individual supervision type at 95 € incl. VAT 25,5 %."""
    return bookable(
        name="Yksilötyönohjaus", price=Decimal("95.00"), vat_rate=Decimal("25.5"), min_notice_hours=0
    )
