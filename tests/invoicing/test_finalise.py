"""Finalising, credit notes, payments by hand and from a camt.054 statement, and the emails."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from core.time import HELSINKI
from invoicing import reference as ref
from invoicing.actions import (
    finvoice_batch_make,
    invoice_credit,
    invoice_finalise,
    invoice_mark_paid,
    invoices_draft,
    invoicing_settings_save,
    payments_import,
)
from invoicing.exceptions import BadStatement, NotCreditable, NotReady
from invoicing.models import Invoice, InvoiceSequence
from notifications.actions import messages_send_due as send_due_messages
from notifications.models import Message
from tests.invoicing.conftest import ORGANISATION, day_ahead, held, month_of

pytestmark = pytest.mark.django_db


def _to(address):
    """The invoicing emails (those with a PDF) to `address`; the booking's own emails aside."""
    return [
        m for m in mail.outbox if m.to == [address] and any(a[2] == "application/pdf" for a in m.attachments)
    ]


def _drafts(supervision, *payers):
    _p, session_type = supervision
    start = day_ahead(3)
    for n, (name, email, organisation) in enumerate(payers):
        held(session_type, start + dt.timedelta(hours=n), name=name, email=email, organisation=organisation)
    first, last = month_of(start)
    return invoices_draft(first_day=first, last_day=last, now=start + dt.timedelta(days=2))


def test_finalising_numbers_the_invoice_and_gives_its_reference_and_due_date(practice, supervision):
    a, b = _drafts(supervision, ("Maija", "maija@example.fi", None), ("Emma", "emma@example.fi", None))
    now = dt.datetime(2026, 12, 1, 10, tzinfo=HELSINKI)

    first = invoice_finalise(invoice=a, now=now)
    second = invoice_finalise(invoice=b, now=now)

    assert (first.number, second.number) == ("20260001", "20260002")
    assert first.reference == ref.national("20260001") == "202600017"
    assert first.invoice_date == dt.date(2026, 12, 1) and first.due_date == dt.date(2026, 12, 15)
    assert first.status == Invoice.Status.SENT
    assert first.seller["iban"] == "FI4950009420028730" and first.seller["business_id"] == "3141590-3"
    assert InvoiceSequence.objects.get(year=2026).last_number == 2


def test_a_new_year_starts_its_own_sequence(practice, supervision):
    a, b = _drafts(supervision, ("Maija", "maija@example.fi", None), ("Emma", "emma@example.fi", None))
    invoice_finalise(invoice=a, now=dt.datetime(2026, 12, 31, 12, tzinfo=HELSINKI))
    assert invoice_finalise(invoice=b, now=dt.datetime(2027, 1, 1, 12, tzinfo=HELSINKI)).number == "20270001"


def test_the_rf_reference_when_the_practice_prints_it(practice, supervision):
    invoicing_settings_save(use_creditor_reference=True)
    (draft,) = _drafts(supervision, ("Maija", "maija@example.fi", None))
    invoice = invoice_finalise(invoice=draft, now=dt.datetime(2026, 12, 1, tzinfo=HELSINKI))
    assert invoice.creditor_reference == ref.creditor_reference(invoice.reference)


def test_finalising_needs_the_bank_account_and_what_the_delivery_needs(practice, supervision):
    (draft,) = _drafts(supervision, ("Maija", "maija@example.fi", None))
    invoicing_settings_save(iban="")
    with pytest.raises(NotReady):
        invoice_finalise(invoice=draft)
    invoicing_settings_save(iban="FI4950009420028730")
    Invoice.objects.filter(pk=draft.pk).update(buyer_email="")
    with pytest.raises(NotReady):
        invoice_finalise(invoice=draft)
    assert not InvoiceSequence.objects.filter(last_number__gt=0).exists()  # nothing taken, no gap


def test_the_invoice_email_carries_the_pdf_and_the_reminder_waits_for_the_due_date(practice, supervision):
    (draft,) = _drafts(supervision, ("Maija Virtanen", "maija@example.fi", None))
    invoice = invoice_finalise(invoice=draft)
    send_due_messages()
    (email,) = _to("maija@example.fi")
    assert email.to == ["maija@example.fi"] and invoice.number in email.subject
    (name, content, mimetype) = email.attachments[0]
    assert (name, mimetype) == (f"{invoice.number}.pdf", "application/pdf") and content.startswith(b"%PDF")
    assert ref.grouped(invoice.reference) in email.body
    reminder = Message.objects.get(kind="invoice_overdue")
    assert reminder.due_at.astimezone(HELSINKI).date() == invoice.due_date + dt.timedelta(days=7)

    with time_machine.travel(reminder.due_at + dt.timedelta(minutes=1)):
        send_due_messages()
        send_due_messages()
    _invoice_email, reminder_email = _to("maija@example.fi")
    assert reminder_email.subject.startswith("Muistutus") and invoice.number in reminder_email.subject
    assert reminder_email.attachments[0][0] == f"{invoice.number}.pdf"
    assert Message.objects.filter(kind="invoice_overdue", status="sent").count() == 1


def test_no_reminder_for_an_invoice_paid_in_time(practice, supervision):
    (draft,) = _drafts(supervision, ("Maija Virtanen", "maija@example.fi", None))
    invoice = invoice_finalise(invoice=draft)
    invoice_mark_paid(invoice=invoice, paid_on=invoice.invoice_date)
    reminder = Message.objects.get(kind="invoice_overdue")
    with time_machine.travel(reminder.due_at + dt.timedelta(minutes=1)):
        send_due_messages()
    reminder.refresh_from_db()
    assert reminder.status == "cancelled"
    assert len(_to("maija@example.fi")) == 1  # the invoice only


def test_a_credit_note_credits_the_whole_invoice_and_frees_its_items(practice, supervision):
    (draft,) = _drafts(supervision, ("Maija", "maija@example.fi", None))
    invoice = invoice_finalise(invoice=draft)
    note = invoice_credit(invoice=invoice, reason="Väärä hinta")
    invoice.refresh_from_db()

    assert invoice.status == Invoice.Status.CREDITED
    assert note.kind == Invoice.Kind.CREDIT_NOTE and note.credited_invoice == invoice
    assert note.total == -invoice.total and note.number == f"{invoice.year}{invoice.sequence + 1:04d}"
    assert [line.quantity for line in note.lines.all()] == [Decimal("-1")]
    with pytest.raises(NotCreditable):
        invoice_credit(invoice=invoice)
    with pytest.raises(NotCreditable):
        invoice_credit(invoice=note)
    assert not invoice.lines.filter(active=True).exists()  # billable again, to be invoiced anew


def test_marking_paid_by_hand(practice, supervision):
    (draft,) = _drafts(supervision, ("Maija", "maija@example.fi", None))
    invoice = invoice_finalise(invoice=draft)
    invoice = invoice_mark_paid(invoice=invoice, paid_on=dt.date(2026, 12, 10), amount=Decimal("50.00"))
    assert invoice.status == Invoice.Status.SENT  # partly paid
    invoice = invoice_mark_paid(invoice=invoice, paid_on=dt.date(2026, 12, 11))
    assert invoice.status == Invoice.Status.PAID and invoice.paid_on == dt.date(2026, 12, 11)


CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
 <BkToCstmrDbtCdtNtfctn>
  <GrpHdr><MsgId>N1</MsgId><CreDtTm>2026-12-12T06:00:00</CreDtTm></GrpHdr>
  <Ntfctn><Id>N1</Id><CreDtTm>2026-12-12T06:00:00</CreDtTm>
   <Acct><Id><IBAN>FI4950009420028730</IBAN></Id></Acct>
   <Ntry><NtryRef>1</NtryRef><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
    <BookgDt><Dt>2026-12-11</Dt></BookgDt><ValDt><Dt>2026-12-11</Dt></ValDt><AcctSvcrRef>20261211-0001</AcctSvcrRef>
    <BkTxCd/>
    <NtryDtls><TxDtls><Refs><AcctSvcrRef>TX1</AcctSvcrRef></Refs><AmtDtls><TxAmt><Amt Ccy="EUR">{amount}</Amt></TxAmt></AmtDtls>
     <RltdPties><Dbtr><Nm>MAIJA VIRTANEN</Nm></Dbtr></RltdPties>
     <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{reference}</Ref></CdtrRefInf></Strd></RmtInf>
    </TxDtls></NtryDtls>
   </Ntry>
   <Ntry><NtryRef>2</NtryRef><Amt Ccy="EUR">12.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
    <BookgDt><Dt>2026-12-11</Dt></BookgDt><AcctSvcrRef>20261211-0002</AcctSvcrRef>
    <NtryDtls><TxDtls><RmtInf><Strd><CdtrRefInf><Ref>1232</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls>
   </Ntry>
   <Ntry><NtryRef>3</NtryRef><Amt Ccy="EUR">99.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
    <BookgDt><Dt>2026-12-11</Dt></BookgDt>
   </Ntry>
  </Ntfctn>
 </BkToCstmrDbtCdtNtfctn>
</Document>"""


def test_a_camt054_statement_marks_invoices_paid_by_reference_once(practice, supervision):
    (draft,) = _drafts(supervision, ("Maija", "maija@example.fi", None))
    invoice = invoice_finalise(invoice=draft)
    data = CAMT.format(amount="95.00", reference=ref.grouped(invoice.reference)).encode()

    result = payments_import(data=data)
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID and invoice.paid_on == dt.date(2026, 12, 11)
    assert [p.invoice for p in result.matched] == [invoice] and len(result.unmatched) == 1
    assert result.matched[0].payer_name == "MAIJA VIRTANEN"

    again = payments_import(data=data)
    assert (again.already, again.matched, again.unmatched) == (2, [], [])


def test_an_rf_payment_matches_too(practice, supervision):
    (draft,) = _drafts(supervision, ("Maija", "maija@example.fi", None))
    invoice = invoice_finalise(invoice=draft)
    data = CAMT.format(amount="95.00", reference=ref.creditor_reference(invoice.reference)).encode()
    payments_import(data=data)
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID


@pytest.mark.parametrize(
    "data",
    [b"not xml", b"<Document/>", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><Document>&a;</Document>'],
)
def test_anything_but_a_statement_is_refused(practice, data):
    with pytest.raises(BadStatement):
        payments_import(data=data)


def test_e_invoices_wait_for_a_batch(practice, supervision):
    (draft,) = _drafts(supervision, ("Tiina", "t@example.fi", ORGANISATION))
    assert draft.delivery == Invoice.Delivery.EINVOICE
    invoice = invoice_finalise(invoice=draft)
    assert not _to("t@example.fi")
    batch = finvoice_batch_make()
    assert list(batch.invoices.all()) == [invoice]
    assert finvoice_batch_make() is None
