"""Finalising: the next number of the year from a gap-free sequence, credit notes, Finvoice batches.

A number is taken inside one short `transaction.atomic(durable=True)` that locks, in this order,
the invoice row and then its year's sequence row (SELECT … FOR UPDATE, waiting at most
DB_LOCK_TIMEOUT_MS, else Busy; SQLite's IMMEDIATE transaction serialises writers anyway), re-checks that the invoice is still a draft, and writes
the number, the reference and the invoice together. Two "finalise" clicks never share a number,
and a failure rolls the number back with everything else, so no gap is left. The sequence row of a
year is made, if missing, before that transaction (a concurrent maker just finds it).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.db import lock_wait_limited
from core.time import HELSINKI
from notifications.actions import message_cancel, message_queue

from .. import reference as ref
from .. import selectors
from ..document import Seller
from ..exceptions import InvoiceLocked, NotCreditable, NotReady
from ..models import BUYER_FIELDS, REMINDER_AFTER_DAYS, FinvoiceBatch, Invoice, InvoiceLine, InvoiceSequence


def _sequence_row(year: int) -> None:
    InvoiceSequence.objects.get_or_create(year=year)


def _for_update(rows):
    """The rows, to be locked until the transaction ends. The race test's negative control replaces
    this with the rows unlocked (tests/support/seams.py) to show two invoices taking one number."""
    return rows.select_for_update()


def _take_number(year: int) -> int:
    """The next number of `year`."""
    row = _for_update(InvoiceSequence.objects.filter(year=year)).get()
    row.last_number += 1
    row.save(update_fields=["last_number"])
    return row.last_number


def _number(invoice: Invoice, year: int, sequence: int, use_rf: bool) -> None:
    invoice.year, invoice.sequence = year, sequence
    invoice.number = f"{year}{sequence:04d}"
    invoice.reference = ref.national(invoice.number)
    invoice.creditor_reference = ref.creditor_reference(invoice.reference) if use_rf else ""


def _ready(invoice: Invoice, seller: Seller) -> None:
    """Raises NotReady with what is missing."""
    if not seller.iban:
        raise NotReady(_("Add the practice's bank account (IBAN) in the invoicing settings first."))
    if not seller.business_id:
        raise NotReady(_("Add the practice's business ID in the practice profile first."))
    lines = list(invoice.lines.all())
    if not lines:
        raise NotReady(_("The invoice has no lines."))
    if invoice.total <= 0:
        raise NotReady(_("The invoice's total must be more than zero."))
    if invoice.delivery == Invoice.Delivery.EMAIL and not invoice.buyer_email:
        raise NotReady(_("Sending by email needs the payer's email address."))
    if invoice.delivery == Invoice.Delivery.EINVOICE and not (
        invoice.buyer_einvoice_address and invoice.buyer_einvoice_operator
    ):
        raise NotReady(_("An e-invoice needs the payer's e-invoice address and operator."))
    if invoice.delivery == Invoice.Delivery.EINVOICE and not (
        seller.einvoice_address and seller.einvoice_operator
    ):
        raise NotReady(
            _("An e-invoice needs the practice's own e-invoice address and operator (practice profile).")
        )


def _reminder_time(due: dt.date) -> dt.datetime:
    return dt.datetime.combine(due + dt.timedelta(days=REMINDER_AFTER_DAYS), dt.time(9), tzinfo=HELSINKI)


def _send(invoice: Invoice) -> None:
    """The invoice email now (when sent by email) and the overdue reminder once, after the due date."""
    if invoice.delivery == Invoice.Delivery.EMAIL and invoice.buyer_email:
        message_queue(
            kind="invoice", target=invoice, recipient=invoice.buyer_email, language=invoice.language
        )
    if invoice.kind == Invoice.Kind.INVOICE and invoice.buyer_email:
        message_queue(
            kind="invoice_overdue",
            target=invoice,
            recipient=invoice.buyer_email,
            language=invoice.language,
            due_at=_reminder_time(invoice.due_date),
        )


def invoice_finalise(*, invoice: Invoice, by_user=None, now: dt.datetime | None = None) -> Invoice:
    """Gives a draft the next number of the year, its reference, invoice and due dates and the
    seller's details as they are now, and sends it: the email with the PDF (by email), or it waits
    for the next Finvoice batch (e-invoice). From then on it is immutable. Raises InvoiceLocked if
    it was finalised meanwhile (a double click gets the first result), NotReady with what is missing."""
    now = now or timezone.now()
    today = now.astimezone(HELSINKI).date()
    invoicing = selectors.settings_row()
    seller = selectors.seller_now(invoicing)
    _sequence_row(today.year)
    with transaction.atomic(durable=True), lock_wait_limited():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if not invoice.is_draft:
            raise InvoiceLocked
        _ready(invoice, seller)
        _number(invoice, today.year, _take_number(today.year), invoicing.use_creditor_reference)
        invoice.status = Invoice.Status.SENT
        invoice.invoice_date = today
        invoice.due_date = today + dt.timedelta(days=invoice.payment_days)
        invoice.seller = seller.as_dict()
        invoice.finalised_at, invoice.finalised_by = now, by_user
        invoice.save()
        _send(invoice)
    return invoice


def invoice_credit(
    *, invoice: Invoice, by_user=None, reason: str = "", now: dt.datetime | None = None
) -> Invoice:
    """Makes a credit note of a sent or paid invoice (all of its lines, negative), numbered like an
    invoice and sent the same way; the invoice becomes credited and what it billed is billable
    again (to be invoiced anew, corrected). Raises NotCreditable for anything else."""
    now = now or timezone.now()
    today = now.astimezone(HELSINKI).date()
    invoicing = selectors.settings_row()
    seller = selectors.seller_now(invoicing)
    _sequence_row(today.year)
    with transaction.atomic(durable=True), lock_wait_limited():
        original = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if original.kind != Invoice.Kind.INVOICE or original.status not in (
            Invoice.Status.SENT,
            Invoice.Status.PAID,
        ):
            raise NotCreditable
        note = Invoice(
            kind=Invoice.Kind.CREDIT_NOTE,
            credited_invoice=original,
            language=original.language,
            payer_key=original.payer_key,
            **{field: getattr(original, field) for field in BUYER_FIELDS},
            delivery=original.delivery,
            payment_days=0,
            notes=reason,
            period_start=original.period_start,
            period_end=original.period_end,
            total=-original.total,
            created_by=by_user,
        )
        _number(note, today.year, _take_number(today.year), invoicing.use_creditor_reference)
        note.status = Invoice.Status.SENT
        note.invoice_date = note.due_date = today
        note.seller = seller.as_dict()
        note.finalised_at, note.finalised_by = now, by_user
        note.save()
        InvoiceLine.objects.bulk_create(
            InvoiceLine(
                invoice=note,
                position=line.position,
                service_date=line.service_date,
                description=line.description,
                quantity=-line.quantity,
                unit_price=line.unit_price,
                vat_rate=line.vat_rate,
            )
            for line in original.lines.all()
        )
        original.lines.update(active=False)
        original.status = Invoice.Status.CREDITED
        original.credited_at = now
        original.save(update_fields=["status", "credited_at"])
        message_cancel(target=original, kinds=["invoice_overdue"])
        _send(note)
    return note


def finvoice_batch_make(*, by_user=None) -> FinvoiceBatch | None:
    """Puts every finalised e-invoice not yet handed over into a new batch (None if there is none)."""
    with transaction.atomic():
        waiting = list(
            selectors.waiting_einvoices().select_for_update(of=("self",)).values_list("pk", flat=True)
        )
        if not waiting:
            return None
        batch = FinvoiceBatch.objects.create(created_by=by_user)
        Invoice.objects.filter(pk__in=waiting).update(finvoice_batch=batch)
        return batch
