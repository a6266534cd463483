"""One invoice as a document: what the PDF and the Finvoice XML both print.

`document_of(invoice, seller)` reads an invoice row with its lines (prefetched) and the seller's
details (copied into the invoice when it was finalised; the current ones for a draft) and returns
plain values: lines with their amounts, totals per VAT rate, the printed reference and the virtual
bank barcode. Both outputs are made from this one value, so they agree to the cent.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import amounts, barcode
from . import reference as ref


@dataclass(frozen=True)
class Seller:
    name: str
    practitioner_name: str = ""
    business_id: str = ""
    vat_id: str = ""
    vat_registered: bool = True
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    einvoice_address: str = ""
    einvoice_operator: str = ""
    iban: str = ""
    bic: str = ""
    interest_text: dict | None = None  # {"fi": ..., "sv": ..., "en": ...}

    @classmethod
    def from_dict(cls, data: dict) -> "Seller":
        known = {field: data[field] for field in cls.__dataclass_fields__ if field in data}
        return cls(**known)

    def as_dict(self) -> dict:
        return {field: getattr(self, field) for field in self.__dataclass_fields__}

    @property
    def town(self) -> str:
        return " ".join(filter(None, [self.postal_code, self.city]))

    @property
    def iban_printed(self) -> str:
        compact = "".join(self.iban.split()).upper()
        return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))

    def interest(self, language: str) -> str:
        texts = self.interest_text or {}
        return texts.get(language) or texts.get("fi", "")


@dataclass(frozen=True)
class Buyer:
    name: str
    business_id: str = ""
    contact: str = ""
    email: str = ""
    address: str = ""
    einvoice_address: str = ""
    einvoice_operator: str = ""
    reference: str = ""

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.replace(",", "\n").splitlines() if line.strip()]


@dataclass(frozen=True)
class Line:
    position: int
    description: str
    service_date: dt.date | None
    quantity: Decimal
    unit_price: Decimal  # incl. VAT
    vat_rate: Decimal
    amounts: amounts.LineAmounts

    @property
    def unit_net(self) -> Decimal:
        return amounts.unit_net(self.unit_price, self.vat_rate)


@dataclass(frozen=True)
class Document:
    kind: str  # "invoice" or "credit_note"
    draft: bool
    number: str
    invoice_date: dt.date | None
    due_date: dt.date | None
    payment_days: int
    language: str
    seller: Seller
    buyer: Buyer
    lines: tuple[Line, ...]
    totals: amounts.Totals
    reference: str  # national digits (empty for a draft)
    creditor_reference: str  # RF, when the practice prints it
    notes: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    original_number: str = ""
    original_date: dt.date | None = None

    @property
    def is_credit_note(self) -> bool:
        return self.kind == "credit_note"

    @property
    def payable_reference(self) -> str:
        return self.creditor_reference or self.reference

    @property
    def reference_printed(self) -> str:
        return ref.grouped(self.payable_reference) if self.payable_reference else ""

    @property
    def virtual_barcode(self) -> str:
        """The 54 digits, when there is something to pay into a Finnish account; else empty."""
        if self.draft or self.is_credit_note or self.totals.gross <= 0 or not self.payable_reference:
            return ""
        try:
            return barcode.virtual_barcode(
                iban=self.seller.iban,
                reference=self.payable_reference,
                amount=self.totals.gross,
                due=self.due_date,
            )
        except barcode.BarcodeError:
            return ""

    @property
    def barcode_svg(self) -> str:
        digits = self.virtual_barcode
        return barcode.svg(digits, label=digits) if digits else ""

    @property
    def interest_text(self) -> str:
        return self.seller.interest(self.language)

    @property
    def shows_vat(self) -> bool:
        return self.seller.vat_registered


def document_of(invoice, seller: Seller) -> Document:
    """The document of `invoice` (its lines prefetched) with `seller`'s details."""
    lines = tuple(
        Line(
            position=n,
            description=line.description,
            service_date=line.service_date,
            quantity=line.quantity,
            unit_price=line.unit_price,
            vat_rate=line.vat_rate,
            amounts=amounts.line_amounts(line.quantity, line.unit_price, line.vat_rate),
        )
        for n, line in enumerate(invoice.lines.all(), start=1)
    )
    original = invoice.credited_invoice if invoice.credited_invoice_id else None
    return Document(
        kind=invoice.kind,
        draft=invoice.is_draft,
        number=invoice.number,
        invoice_date=invoice.invoice_date,
        due_date=invoice.due_date,
        payment_days=invoice.payment_days,
        language=invoice.language,
        seller=seller,
        buyer=Buyer(
            name=invoice.buyer_name,
            business_id=invoice.buyer_business_id,
            contact=invoice.buyer_contact,
            email=invoice.buyer_email,
            address=invoice.buyer_address,
            einvoice_address=invoice.buyer_einvoice_address,
            einvoice_operator=invoice.buyer_einvoice_operator,
            reference=invoice.buyer_reference,
        ),
        lines=lines,
        totals=amounts.totals([(line.vat_rate, line.amounts) for line in lines]),
        reference=invoice.reference,
        creditor_reference=invoice.creditor_reference,
        notes=invoice.notes,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        original_number=original.number if original else "",
        original_date=original.invoice_date if original else None,
    )
