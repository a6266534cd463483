"""Payments (marked by hand, or read from a camt.054 bank statement) and the invoicing settings.

An invoice is paid when what was received for it covers its total; a statement entry is matched on
the reference number (national or RF), once: importing the same statement again adds nothing.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum

from .. import camt
from .. import reference as ref
from ..exceptions import BadStatement, InvoicingError
from ..models import Invoice, InvoicingSettings, Payment


def _settle(invoice: Invoice, paid_on: dt.date) -> None:
    received = invoice.payments.aggregate(n=Sum("amount"))["n"] or Decimal(0)
    if invoice.status == Invoice.Status.SENT and received >= invoice.total:
        invoice.status = Invoice.Status.PAID
        invoice.paid_on = paid_on
        invoice.save(update_fields=["status", "paid_on"])


def invoice_mark_paid(
    *, invoice: Invoice, paid_on: dt.date, amount: Decimal | None = None, by_user=None
) -> Invoice:
    """Records a payment of `amount` (by default what is still open) and marks the invoice paid
    when it is covered. Only a sent invoice can be paid (InvoicingError otherwise)."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.status != Invoice.Status.SENT or invoice.kind != Invoice.Kind.INVOICE:
            raise InvoicingError
        received = invoice.payments.aggregate(n=Sum("amount"))["n"] or Decimal(0)
        Payment.objects.create(
            invoice=invoice,
            origin=Payment.Origin.MANUAL,
            amount=amount if amount is not None else invoice.total - received,
            paid_on=paid_on,
            reference=invoice.creditor_reference or invoice.reference,
            created_by=by_user,
        )
        _settle(invoice, paid_on)
        return invoice


@dataclass
class ImportResult:
    matched: list[Payment] = field(default_factory=list)
    unmatched: list[Payment] = field(default_factory=list)
    already: int = 0  # entries imported before


def _candidates(references: list[str]) -> dict[str, Invoice]:
    nationals = {ref.national_from_creditor(r) if r.startswith("RF") else r.lstrip("0") for r in references}
    invoices = Invoice.objects.select_for_update().filter(
        Q(reference__in=nationals) | Q(creditor_reference__in=references), kind=Invoice.Kind.INVOICE
    )
    return {inv.reference: inv for inv in invoices}


def payments_import(*, data: bytes, by_user=None) -> ImportResult:
    """Reads a camt.054 statement: each incoming payment with a reference is recorded once, for the
    invoice of that reference when there is one; invoices covered become paid. Raises BadStatement
    for a file that is not a statement."""
    try:
        credits = camt.credits(data)
    except camt.NotAStatement as exc:
        raise BadStatement from exc
    result = ImportResult()
    with transaction.atomic():
        known = set(
            Payment.objects.filter(bank_id__in=[c.bank_id for c in credits]).values_list("bank_id", flat=True)
        )
        invoices = _candidates([c.reference for c in credits])
        for credit in credits:
            if credit.bank_id in known:
                result.already += 1
                continue
            known.add(credit.bank_id)
            digits = (
                ref.national_from_creditor(credit.reference)
                if credit.reference.startswith("RF")
                else credit.reference.lstrip("0")
            )
            invoice = invoices.get(digits)
            payment = Payment.objects.create(
                invoice=invoice,
                origin=Payment.Origin.BANK,
                amount=credit.amount,
                paid_on=credit.booked_on,
                reference=credit.reference,
                payer_name=credit.payer[:140],
                bank_id=credit.bank_id,
                created_by=by_user,
            )
            (result.matched if invoice else result.unmatched).append(payment)
            if invoice:
                _settle(invoice, credit.booked_on)
    return result


SETTINGS_FIELDS = (
    "iban",
    "bic",
    "payment_days",
    "use_creditor_reference",
    "interest_text_fi",
    "interest_text_sv",
    "interest_text_en",
)


def invoicing_settings_save(**values) -> InvoicingSettings:
    """Saves the invoicing settings (the one row). Finalised invoices keep what they were made with."""
    row = InvoicingSettings.objects.filter(pk=1).first() or InvoicingSettings(pk=1)
    for name, value in values.items():
        if name not in SETTINGS_FIELDS:
            raise TypeError(f"not an invoicing setting: {name}")
        setattr(row, name, value)
    row.full_clean()
    row.save()
    return row
