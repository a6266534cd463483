"""Drafts from what was held: who pays, what is billable per the terms, nothing twice."""

import datetime as dt
from decimal import Decimal

import pytest

from invoicing import billable
from invoicing.actions import (
    billable_leave_out,
    invoice_delete,
    invoice_finalise,
    invoice_line_add,
    invoice_line_remove,
    invoice_line_update,
    invoice_update,
    invoices_draft,
)
from invoicing.exceptions import InvoiceLocked
from invoicing.models import Invoice, InvoiceLine
from tests.invoicing.conftest import ORGANISATION, day_ahead, held, month_of

pytestmark = pytest.mark.django_db


def _later(start):
    return start + dt.timedelta(days=2)


def test_held_sessions_become_one_draft_per_payer_with_their_lines(practice, supervision):
    _p, session_type = supervision
    start = day_ahead(3)
    held(session_type, start)
    held(session_type, start + dt.timedelta(hours=2))
    held(
        session_type,
        start + dt.timedelta(hours=4),
        name="Johan Lindqvist",
        email="johan@example.fi",
        language="sv",
    )
    held(
        session_type,
        start + dt.timedelta(hours=6),
        organisation=ORGANISATION,
        name="Tiina Tiimi",
        email="t@example.fi",
    )
    first, last = month_of(start)

    drafts = invoices_draft(first_day=first, last_day=last, now=_later(start))

    by_payer = {d.buyer_name: d for d in drafts}
    assert set(by_payer) == {"Maija Virtanen", "Johan Lindqvist", "Esimerkkikunnan perhepalvelut"}
    maija = by_payer["Maija Virtanen"]
    assert maija.lines.count() == 2 and maija.total == Decimal("190.00")
    assert maija.delivery == Invoice.Delivery.EMAIL and maija.payment_days == 14
    johan = by_payer["Johan Lindqvist"]
    assert johan.language == "sv" and " kl. " in johan.lines.get().description  # in the payer's language
    organisation = by_payer["Esimerkkikunnan perhepalvelut"]
    assert organisation.delivery == Invoice.Delivery.EINVOICE
    assert organisation.buyer_reference == "Perhetyö / tiimi 2"
    assert organisation.public_sector and organisation.payment_days == 14
    assert "Tiina Tiimi" in organisation.lines.get().description  # whose session, for the employer


def test_no_show_and_late_cancellation_are_billable_a_cancellation_in_time_is_not(practice, supervision):
    _p, session_type = supervision
    start = day_ahead(3)
    no_show = held(session_type, start, outcome="no_show")
    late = held(session_type, start + dt.timedelta(hours=2), outcome="late")
    in_time = held(session_type, start + dt.timedelta(hours=4), outcome="in_time")
    first, last = month_of(start)

    items = billable.billable_items(first, last, vat_registered=True, now=_later(start))

    kinds = {item.source: item.kind for item in items}
    assert kinds == {f"booking:{no_show.pk}": "no_show", f"booking:{late.pk}": "late_cancellation"}
    assert f"booking:{in_time.pk}" not in kinds
    assert all(item.amount == Decimal("95.00") for item in items)


def test_a_session_not_over_yet_is_not_billable(practice, supervision):
    _p, session_type = supervision
    start = day_ahead(3)
    booking = held(session_type, start, outcome="confirmed")
    first, last = month_of(start)
    assert billable.billable_items(first, last, vat_registered=True, now=start) == []
    assert [
        i.source for i in billable.billable_items(first, last, vat_registered=True, now=_later(start))
    ] == [f"booking:{booking.pk}"]


def test_nothing_is_invoiced_twice_and_left_out_items_stay_out(practice, supervision):
    _p, session_type = supervision
    start = day_ahead(3)
    held(session_type, start)
    other = held(session_type, start + dt.timedelta(hours=2), name="Emma", email="emma@example.fi")
    billable_leave_out(source=f"booking:{other.pk}", reason="not_charged")
    first, last = month_of(start)

    assert len(invoices_draft(first_day=first, last_day=last, now=_later(start))) == 1
    assert invoices_draft(first_day=first, last_day=last, now=_later(start)) == []
    assert InvoiceLine.objects.count() == 1


def test_removing_a_line_or_deleting_a_draft_makes_its_item_billable_again(practice, supervision):
    _p, session_type = supervision
    start = day_ahead(3)
    held(session_type, start)
    first, last = month_of(start)
    draft = invoices_draft(first_day=first, last_day=last, now=_later(start))[0]

    invoice_line_remove(line=draft.lines.get())
    assert len(billable.billable_items(first, last, vat_registered=True, now=_later(start))) == 1
    invoice_delete(invoice=draft)
    assert len(invoices_draft(first_day=first, last_day=last, now=_later(start))) == 1


def test_lines_can_be_edited_added_and_the_total_follows(practice, supervision):
    _p, session_type = supervision
    start = day_ahead(3)
    held(session_type, start)
    first, last = month_of(start)
    draft = invoices_draft(first_day=first, last_day=last, now=_later(start))[0]

    invoice_line_update(
        line=draft.lines.get(),
        description="Yksilötyönohjaus",
        quantity=Decimal(1),
        unit_price=Decimal("100.00"),
        vat_rate=Decimal("25.5"),
    )
    invoice_line_add(
        invoice=draft,
        description="Matkakulut",
        quantity=Decimal(2),
        unit_price=Decimal("12.55"),
        vat_rate=Decimal("25.5"),
    )
    draft.refresh_from_db()
    assert draft.total == Decimal("125.10")


def test_a_finalised_invoice_refuses_every_edit(practice, supervision):
    _p, session_type = supervision
    start = day_ahead(3)
    held(session_type, start)
    first, last = month_of(start)
    invoice = invoice_finalise(invoice=invoices_draft(first_day=first, last_day=last, now=_later(start))[0])
    line = invoice.lines.get()
    edits = [
        lambda: invoice_update(invoice=invoice, notes="changed"),
        lambda: invoice_line_add(invoice=invoice, description="x", quantity=1, unit_price=1, vat_rate=0),
        lambda: invoice_line_update(line=line, description="x", quantity=1, unit_price=1, vat_rate=0),
        lambda: invoice_line_remove(line=line),
        lambda: invoice_delete(invoice=invoice),
        lambda: invoice_finalise(invoice=invoice),
    ]
    for edit in edits:
        with pytest.raises(InvoiceLocked):
            edit()
    invoice.refresh_from_db()
    assert invoice.total == Decimal("95.00") and invoice.lines.get().description == line.description


def test_a_price_booked_at_24_percent_is_invoiced_at_the_rate_in_force_on_the_service_date(
    practice, supervision
):
    _p, session_type = supervision
    start = day_ahead(3)
    booking = held(session_type, start)
    booking.__class__.objects.filter(pk=booking.pk).update(price=Decimal("93.00"), vat_rate=Decimal("24"))
    first, last = month_of(start)
    (item,) = billable.billable_items(first, last, vat_registered=True, now=_later(start))
    assert item.vat_rate == Decimal("25.5")
    assert item.unit_price == Decimal("94.13")  # 75,00 € without VAT either way


def test_a_practice_not_registered_for_vat_invoices_without_vat(practice, supervision):
    from tests.invoicing.conftest import seller_profile

    seller_profile(vat_registered=False)
    _p, session_type = supervision
    start = day_ahead(3)
    held(session_type, start)
    first, last = month_of(start)
    draft = invoices_draft(first_day=first, last_day=last, now=_later(start))[0]
    line = draft.lines.get()
    assert (line.vat_rate, line.unit_price, draft.total) == (Decimal("0"), Decimal("95.00"), Decimal("95.00"))


def test_drafting_a_month_takes_a_fixed_number_of_queries(
    practice, supervision, django_assert_max_num_queries
):
    _p, session_type = supervision
    start = day_ahead(3)
    for n in range(12):
        held(
            session_type,
            start + dt.timedelta(hours=n % 8, days=n // 8),
            name=f"Asiakas {n}",
            email=f"a{n}@example.fi",
        )
    first, last = month_of(start)
    with django_assert_max_num_queries(16):
        drafts = invoices_draft(first_day=first, last_day=last, now=start + dt.timedelta(days=5))
    assert len(drafts) == 12
