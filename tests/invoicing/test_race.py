"""Twenty people finalise twenty drafts at once on PostgreSQL: numbers 1–20 of the year, each once,
no gap, by the lock on the year's sequence row; without the lock (the negative control) the race
hands one number to two clicks. Double clicks on one draft finalise it once."""

import datetime as dt
from decimal import Decimal

import pytest

from invoicing.actions import invoice_finalise, invoice_line_add
from invoicing.models import Invoice, InvoiceSequence
from tests.invoicing.conftest import seller_profile
from tests.support.races import race
from tests.support.seams import invoice_numbers_unlocked

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _drafts(count: int) -> list[Invoice]:
    from invoicing.actions import invoicing_settings_save

    seller_profile()
    invoicing_settings_save(iban="FI4950009420028730", bic="OKOYFIHH")
    drafts = []
    for n in range(count):
        draft = Invoice.objects.create(
            payer_key=f"person:{n}@example.fi", buyer_name=f"Asiakas {n}", buyer_email=f"{n}@example.fi"
        )
        invoice_line_add(
            invoice=draft,
            description="Työnohjaus",
            quantity=Decimal(1),
            unit_price=Decimal("95.00"),
            vat_rate=Decimal("25.5"),
        )
        drafts.append(draft)
    return drafts


def _finalise_all(drafts) -> list[object]:
    now = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
    return race(len(drafts), lambda i: invoice_finalise(invoice=drafts[i], now=now))


def test_twenty_concurrent_finalisations_take_numbers_one_to_twenty_without_a_gap():
    drafts = _drafts(20)
    outcomes = _finalise_all(drafts)
    assert all(isinstance(o, Invoice) for o in outcomes), outcomes
    numbers = sorted(Invoice.objects.filter(year=2026).values_list("sequence", flat=True))
    assert numbers == list(range(1, 21))
    assert InvoiceSequence.objects.get(year=2026).last_number == 20


def test_twenty_clicks_on_one_draft_finalise_it_once():
    (draft,) = _drafts(1)
    outcomes = race(
        20, lambda i: invoice_finalise(invoice=draft, now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    )
    assert sum(isinstance(o, Invoice) for o in outcomes) == 1
    assert InvoiceSequence.objects.get(year=2026).last_number == 1


def test_negative_control_without_the_lock_two_clicks_get_the_same_number():
    drafts = _drafts(20)
    with invoice_numbers_unlocked():
        outcomes = _finalise_all(drafts)
    numbered = Invoice.objects.filter(year=2026).count()
    failed = [o for o in outcomes if not isinstance(o, Invoice)]
    assert failed and numbered < 20, (
        "the race test could not fail: without the lock every click got its own number"
    )
