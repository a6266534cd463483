"""Reads of invoicing: the settings row, the seller as printed, invoices with their lines, the
e-invoices waiting for a batch, and the invoice of each billed source (for the bookings export)."""

import datetime as dt

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from core.time import HELSINKI
from practice.selectors import profile

from .document import Document, Seller, document_of
from .models import FinvoiceBatch, Invoice, InvoiceLine, InvoicingSettings


def settings_row() -> InvoicingSettings:
    """The settings (unsaved defaults until someone saves them)."""
    return InvoicingSettings.objects.filter(pk=1).first() or InvoicingSettings(pk=1)


def seller_now(invoicing: InvoicingSettings | None = None) -> Seller:
    """The seller as the practice profile and the invoicing settings say today."""
    practice = profile()
    invoicing = invoicing or settings_row()
    return Seller(
        name=practice.name,
        practitioner_name=practice.practitioner_name,
        business_id=practice.business_id,
        vat_id=practice.vat_id,
        vat_registered=practice.vat_registered,
        street_address=practice.street_address,
        postal_code=practice.postal_code,
        city=practice.city,
        email=practice.email,
        phone=practice.phone,
        einvoice_address=practice.einvoice_address,
        einvoice_operator=practice.einvoice_operator,
        iban="".join(invoicing.iban.split()).upper(),
        bic=invoicing.bic.strip().upper(),
        interest_text={
            "fi": invoicing.interest_text_fi,
            "sv": invoicing.interest_text_sv,
            "en": invoicing.interest_text_en,
        },
    )


def seller_of(invoice: Invoice) -> Seller:
    """The seller printed on `invoice`: as copied when it was finalised, today's for a draft."""
    return Seller.from_dict(invoice.seller) if invoice.seller else seller_now()


def with_lines(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    return invoices.select_related("credited_invoice").prefetch_related(
        Prefetch("lines", queryset=InvoiceLine.objects.order_by("position", "pk"))
    )


def invoice(pk: int) -> Invoice:
    return with_lines(Invoice.objects.all()).get(pk=pk)


def document(invoice: Invoice) -> Document:
    return document_of(invoice, seller_of(invoice))


def today() -> dt.date:
    return timezone.now().astimezone(HELSINKI).date()


def waiting_einvoices() -> QuerySet[Invoice]:
    """Finalised e-invoices (and credit notes) not yet in a Finvoice batch."""
    return with_lines(
        Invoice.objects.filter(delivery=Invoice.Delivery.EINVOICE, finvoice_batch__isnull=True).exclude(
            status=Invoice.Status.DRAFT
        )
    ).order_by("year", "sequence")


def batch_invoices(batch: FinvoiceBatch) -> QuerySet[Invoice]:
    return with_lines(batch.invoices.all()).order_by("year", "sequence")


def invoices_of_sources(sources: list[str]) -> dict[str, Invoice]:
    """The invoice holding each source on a live line (one query)."""
    lines = InvoiceLine.objects.filter(active=True, source__in=sources).select_related("invoice")
    return {line.source: line.invoice for line in lines}
