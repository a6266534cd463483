"""Finvoice 3.0 XML validates against Finanssiala's schema (tests/data/Finvoice3.0.xsd), for an
organisation's invoice, a practice not registered for VAT and a credit note; its amounts and VAT
totals agree to the cent with the PDF's text."""

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
import xmlschema
from defusedxml import ElementTree

from core.time import HELSINKI
from invoicing import finvoice, pdf, selectors
from invoicing.actions import (
    finvoice_batch_make,
    invoice_credit,
    invoice_finalise,
    invoice_line_add,
    invoices_draft,
)
from invoicing.views import batch_zip
from tests.invoicing.conftest import ORGANISATION, day_ahead, held, month_of, seller_profile

pytestmark = pytest.mark.django_db
SCHEMA = xmlschema.XMLSchema(Path(__file__).resolve().parent.parent / "data" / "Finvoice3.0.xsd")
NOW = dt.datetime(2026, 12, 1, 10, tzinfo=HELSINKI)


def _organisation_invoice(supervision, *, extra_line=True):
    _p, session_type = supervision
    start = day_ahead(3)
    held(session_type, start, organisation=ORGANISATION, name="Tiina Tiimi", email="t@example.fi")
    held(
        session_type,
        start + dt.timedelta(hours=2),
        organisation=ORGANISATION,
        name="Olli",
        email="o@example.fi",
    )
    first, last = month_of(start)
    (draft,) = invoices_draft(first_day=first, last_day=last, now=start + dt.timedelta(days=2))
    if extra_line:  # a line at another VAT rate: totals per rate
        invoice_line_add(
            invoice=draft,
            description="Kirja",
            quantity=Decimal(1),
            unit_price=Decimal("34.00"),
            vat_rate=Decimal("14"),
        )
    return invoice_finalise(invoice=draft, now=NOW)


def _xml(invoice) -> bytes:
    invoice = selectors.invoice(invoice.pk)
    return finvoice.build(selectors.document(invoice), sent_at=invoice.finalised_at)


def _pdf_text(invoice) -> str:
    data = pdf.render(selectors.document(selectors.invoice(invoice.pk)))
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return text.replace("\u00a0", " ")


def _amounts(xml: bytes) -> dict:
    root = ElementTree.fromstring(xml)

    def value(path):
        return Decimal(root.find(path).text.replace(",", "."))

    return {
        "net": value("InvoiceDetails/InvoiceTotalVatExcludedAmount"),
        "vat": value("InvoiceDetails/InvoiceTotalVatAmount"),
        "gross": value("InvoiceDetails/InvoiceTotalVatIncludedAmount"),
        "rates": {
            Decimal(v.find("VatRatePercent").text.replace(",", ".")): (
                Decimal(v.find("VatBaseAmount").text.replace(",", ".")),
                Decimal(v.find("VatRateAmount").text.replace(",", ".")),
            )
            for v in root.findall("InvoiceDetails/VatSpecificationDetails")
        },
        "rows": [Decimal(r.find("RowAmount").text.replace(",", ".")) for r in root.findall("InvoiceRow")],
        "instructed": value("EpiDetails/EpiPaymentInstructionDetails/EpiInstructedAmount"),
    }


def _euros(amount: Decimal) -> str:
    """As core.money prints it in Finnish: 1 234,56 €."""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    if len(whole) > 3:
        whole = f"{whole[:-3]} {whole[-3:]}"
    return f"{sign}{whole},{cents} €"


def test_an_organisations_invoice_validates_and_agrees_with_its_pdf(practice, supervision):
    invoice = _organisation_invoice(supervision)
    xml = _xml(invoice)
    SCHEMA.validate(xml.decode())

    amounts = _amounts(xml)
    assert (
        amounts["gross"]
        == invoice.total
        == Decimal("224.00")
        == amounts["instructed"]
        == sum(amounts["rows"])
    )
    assert amounts["net"] + amounts["vat"] == amounts["gross"]
    assert set(amounts["rates"]) == {Decimal("25.5"), Decimal("14")}
    text = _pdf_text(invoice)
    for base, vat in amounts["rates"].values():
        assert _euros(base) in text and _euros(vat) in text
    assert _euros(amounts["net"]) in text and _euros(amounts["gross"]) in text
    assert invoice.number in text and "2026 00017" in text
    root = ElementTree.fromstring(xml)
    assert root.find("InvoiceDetails/BuyerReferenceIdentifier").text == "Perhetyö / tiimi 2"
    assert root.find("MessageTransmissionDetails/MessageReceiverDetails/ToIdentifier").text == "003702012566"
    assert root.find("VirtualBankBarcode").text in text.replace(" ", "")


def test_a_practice_not_registered_for_vat_sends_no_vat_with_the_legal_note(practice, supervision):
    seller_profile(vat_registered=False)
    invoice = _organisation_invoice(supervision, extra_line=False)
    xml = _xml(invoice)
    SCHEMA.validate(xml.decode())
    root = ElementTree.fromstring(xml)
    assert root.find("SellerPartyDetails/SellerOrganisationTaxCode") is None
    assert root.find("InvoiceDetails/InvoiceTotalVatAmount").text == "0,00"
    assert {row.find("RowVatCode").text for row in root.findall("InvoiceRow")} == {"O"}
    assert "AVL 3 §" in root.find("InvoiceDetails/InvoiceVatFreeText").text
    text = _pdf_text(invoice)
    assert "Arvonlisäverolain 3 §" in text and "Veroton yhteensä" not in text  # the note, no VAT columns
    assert _euros(invoice.total) in text


def test_a_credit_note_validates_with_negative_amounts_and_the_original_number(practice, supervision):
    invoice = _organisation_invoice(supervision)
    note = invoice_credit(invoice=invoice, reason="Väärä laskutuskausi", now=NOW + dt.timedelta(days=1))
    xml = _xml(note)
    SCHEMA.validate(xml.decode())
    root = ElementTree.fromstring(xml)
    assert root.find("InvoiceDetails/InvoiceTypeCode").text == "INV02"
    assert root.find("InvoiceDetails/OriginalInvoiceNumber").text == invoice.number
    amounts = _amounts(xml)
    assert amounts["gross"] == -invoice.total == sum(amounts["rows"])
    assert root.find("VirtualBankBarcode") is None
    text = _pdf_text(note)
    assert _euros(-invoice.total) in text and invoice.number in text


def test_the_batch_zip_holds_each_invoices_xml_and_pdf(practice, supervision):
    invoice = _organisation_invoice(supervision)
    batch = finvoice_batch_make()
    with zipfile.ZipFile(io.BytesIO(batch_zip(batch))) as archive:
        names = sorted(archive.namelist())
        assert names == [f"{invoice.number}.pdf", f"{invoice.number}.xml"]
        SCHEMA.validate(archive.read(f"{invoice.number}.xml").decode())
        assert archive.read(f"{invoice.number}.pdf").startswith(b"%PDF")


def test_the_pdf_is_in_the_payers_language(practice, supervision):
    invoice = _organisation_invoice(supervision, extra_line=False)
    type(invoice).objects.filter(pk=invoice.pk).update(language="sv")
    text = _pdf_text(invoice)
    assert "Faktura" in text and re.search(r"\d+ dagar netto", text)
