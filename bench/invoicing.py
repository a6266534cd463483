"""Drafting a month of invoices: 500 held sessions (75 private clients, and an organisation's share
under five cost centres) written straight into the calendar, then invoicing.actions.invoices_draft
for the month, timed.

The figure is the median of a few runs; each run drafts, then deletes the drafts again (through
invoice_delete) so the next one starts from the same 500 billable sessions.
"""

import datetime as dt
import statistics
import time
from decimal import Decimal

from django.contrib.auth import get_user_model

from bookings.models import Booking, CalendarBlock, Practitioner, SessionType
from core.time import HELSINKI

SESSIONS = 500
CLIENTS = 100
RUNS = 5


def _month_of_sessions() -> tuple[dt.date, dt.date]:
    """500 completed sessions last month: up to 25 a day, 20 minutes apart, in Helsinki time."""
    user = get_user_model().objects.create(username="bench-invoicing")
    practitioner = Practitioner.objects.create(user=user, display_name="Bench", email="bench@example.fi")
    session_type = SessionType.objects.create(
        service="supervision", slug="bench-invoicing", name="Työnohjaus", duration_minutes=15,
        buffer_after_minutes=0, price=Decimal("95.00"), vat_rate=Decimal("25.5"),
    )  # fmt: skip
    today = dt.datetime.now(HELSINKI).date()
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    last = today.replace(day=1) - dt.timedelta(days=1)
    for n in range(SESSIONS):
        day = first + dt.timedelta(days=n // 25)
        start = dt.datetime.combine(day, dt.time(8), tzinfo=HELSINKI) + dt.timedelta(minutes=20 * (n % 25))
        end = start + dt.timedelta(minutes=15)
        block = CalendarBlock.objects.create(practitioner=practitioner, start=start, end=end, kind="booking")
        organisation = (
            {
                "organisation_name": "Esimerkkikunta",
                "business_id": "0201256-6",
                "invoice_reference": f"KP {n % 5}",
            }
            if n % 4 == 0
            else {}
        )
        Booking.objects.create(
            practitioner=practitioner, session_type=session_type, block=block, start=start, end=end,
            modality="online", status=Booking.Status.COMPLETED, client_name=f"Asiakas {n % CLIENTS}",
            email=f"asiakas{n % CLIENTS}@example.fi", price=session_type.price, vat_rate=session_type.vat_rate,
            **organisation,
        )  # fmt: skip
    return first, last


def run(emit) -> None:
    from invoicing.actions import invoice_delete, invoices_draft

    first, last = _month_of_sessions()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        drafts = invoices_draft(first_day=first, last_day=last)
        timings.append((time.perf_counter() - started) * 1000)
        assert sum(d.lines.count() for d in drafts) == SESSIONS
        for draft in drafts:
            invoice_delete(invoice=draft)
    emit("invoices_draft_500_sessions_ms", statistics.median(timings), "ms")
