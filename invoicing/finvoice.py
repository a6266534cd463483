"""Finvoice 3.0 e-invoices (pure): a Document to the XML the practice's operator forwards.

Follows Finanssiala's Finvoice 3.0 schema (tests/data/Finvoice3.0.xsd validates every kind we make):
the message frame (our e-invoice address and operator to the payer's), seller and buyer, invoice
details with the totals per VAT rate and the payment terms, one row per line, the virtual bank
barcode and the payment instruction (EPI) with the national (SPY) or RF (ISO) reference. A credit
note is type INV02 with negative amounts and the number of the invoice it credits. The PDF travels
beside the XML as its attachment message, named by AttachmentMessageDetails.
"""

import datetime as dt
import re
import textwrap
from decimal import Decimal
from xml.etree import ElementTree as ET

from .document import Buyer, Document

NO_VAT_TEXT = {
    "fi": "Ei arvonlisäveroa: AVL 3 § (vähäinen toiminta)",
    "sv": "Ingen moms: 3 § mervärdesskattelagen (småskalig verksamhet)",
    "en": "No VAT: section 3 of the Finnish VAT Act (small business)",
}
TYPE_TEXT = {
    ("invoice", "fi"): "LASKU",
    ("invoice", "sv"): "FAKTURA",
    ("invoice", "en"): "INVOICE",
    ("credit_note", "fi"): "HYVITYSLASKU",
    ("credit_note", "sv"): "KREDITNOTA",
    ("credit_note", "en"): "CREDIT NOTE",
}
TERMS_TEXT = {"fi": "{days} pv netto", "sv": "{days} dagar netto", "en": "{days} days net"}
_POSTAL = re.compile(r"^(?P<code>\d{5})\s+(?P<town>.+)$")


def money(value: Decimal) -> str:
    """Finvoice amounts: two decimals with a decimal comma, e.g. -119,50."""
    return f"{Decimal(value):.2f}".replace(".", ",")


def unit_money(value: Decimal) -> str:
    text = f"{Decimal(value):.5f}".rstrip("0")
    whole, _sep, decimals = text.partition(".")
    return f"{whole},{decimals.ljust(2, '0')}"


def percent(value: Decimal) -> str:
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def quantity(value: Decimal) -> str:
    return percent(value)


def _date(parent: ET.Element, name: str, value: dt.date) -> None:
    """Finvoice dates: ISO 8601's basic form, CCYYMMDD."""
    ET.SubElement(parent, name, Format="CCYYMMDD").text = value.isoformat().replace("-", "")


def _text(parent: ET.Element, name: str, value: str, **attrs) -> ET.Element:
    element = ET.SubElement(parent, name, **attrs)
    element.text = value
    return element


def _amount(parent: ET.Element, name: str, value: Decimal) -> None:
    _text(parent, name, money(value), AmountCurrencyIdentifier="EUR")


def _names(text: str) -> list[str]:
    """A name in parts of at most 70 characters (the schema's length; at least two characters)."""
    text = " ".join(text.split())
    return [part for part in textwrap.wrap(text, 70) if len(part) >= 2] or ["--"]


def _address(buyer: Buyer) -> tuple[list[str], str, str] | None:
    """(street lines, postcode, town) of a Finnish postal address written freely, if it reads as one."""
    lines = buyer.address_lines
    if len(lines) < 2 or not (found := _POSTAL.match(lines[-1])):
        return None
    return [line[:35] for line in lines[:-1][:3]], found["code"], found["town"][:35]


def message_identifier(document: Document) -> str:
    digits = re.sub(r"\D", "", document.seller.business_id)
    return f"{document.number}-{digits}"[:48]


def build(document: Document, *, sent_at: dt.datetime) -> bytes:
    """The Finvoice 3.0 XML of a finalised invoice or credit note (UTF-8)."""
    doc, seller, buyer, lang = document, document.seller, document.buyer, document.language
    root = ET.Element(
        "Finvoice",
        {
            "Version": "3.0",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:noNamespaceSchemaLocation": "Finvoice3.0.xsd",
        },
    )
    if (
        seller.einvoice_address
        and seller.einvoice_operator
        and buyer.einvoice_address
        and buyer.einvoice_operator
    ):
        frame = ET.SubElement(root, "MessageTransmissionDetails")
        sender = ET.SubElement(frame, "MessageSenderDetails")
        _text(sender, "FromIdentifier", seller.einvoice_address)
        _text(sender, "FromIntermediator", seller.einvoice_operator)
        receiver = ET.SubElement(frame, "MessageReceiverDetails")
        _text(receiver, "ToIdentifier", buyer.einvoice_address)
        _text(receiver, "ToIntermediator", buyer.einvoice_operator)
        details = ET.SubElement(frame, "MessageDetails")
        _text(details, "MessageIdentifier", message_identifier(doc))
        stamp = sent_at.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat()
        _text(details, "MessageTimeStamp", f"{stamp}Z")

    party = ET.SubElement(root, "SellerPartyDetails")
    if seller.business_id:
        _text(party, "SellerPartyIdentifier", seller.business_id)
    for name in _names(seller.name):
        _text(party, "SellerOrganisationName", name)
    if seller.vat_id:
        _text(party, "SellerOrganisationTaxCode", seller.vat_id)
    if len(seller.street_address) >= 2 and len(seller.city) >= 2 and len(seller.postal_code) >= 2:
        postal = ET.SubElement(party, "SellerPostalAddressDetails")
        _text(postal, "SellerStreetName", seller.street_address[:35])
        _text(postal, "SellerTownName", seller.city[:35])
        _text(postal, "SellerPostCodeIdentifier", seller.postal_code)
        _text(postal, "CountryCode", "FI")
    if seller.einvoice_address:
        _text(root, "SellerOrganisationUnitNumber", seller.einvoice_address)
    info = ET.SubElement(root, "SellerInformationDetails")
    if seller.city:
        _text(info, "SellerHomeTownName", seller.city[:35])
    _text(info, "SellerVatRegistrationText", "Alv.Rek." if seller.vat_registered else "Ei alv-rekisterissä")
    if seller.phone:
        _text(info, "SellerPhoneNumber", seller.phone[:35])
    if seller.email:
        _text(info, "SellerCommonEmailaddressIdentifier", seller.email[:70])
    if seller.iban and seller.bic:
        account = ET.SubElement(info, "SellerAccountDetails")
        _text(account, "SellerAccountID", seller.iban, IdentificationSchemeName="IBAN")
        _text(account, "SellerBic", seller.bic, IdentificationSchemeName="BIC")

    buyer_party = ET.SubElement(root, "BuyerPartyDetails")
    if buyer.business_id:
        _text(buyer_party, "BuyerPartyIdentifier", buyer.business_id)
    for name in _names(buyer.name):
        _text(buyer_party, "BuyerOrganisationName", name)
    if address := _address(buyer):
        streets, code, town = address
        postal = ET.SubElement(buyer_party, "BuyerPostalAddressDetails")
        for street in streets:
            _text(postal, "BuyerStreetName", street if len(street) >= 2 else street.ljust(2))
        _text(postal, "BuyerTownName", town)
        _text(postal, "BuyerPostCodeIdentifier", code)
        _text(postal, "CountryCode", "FI")
    if buyer.einvoice_address:
        _text(root, "BuyerOrganisationUnitNumber", buyer.einvoice_address)
    if buyer.contact:
        _text(root, "BuyerContactPersonName", buyer.contact[:70])

    details = ET.SubElement(root, "InvoiceDetails")
    credit = doc.is_credit_note
    _text(details, "InvoiceTypeCode", "INV02" if credit else "INV01", CodeListAgencyIdentifier="SPY")
    _text(details, "InvoiceTypeCodeUN", "381" if credit else "380")
    _text(details, "InvoiceTypeText", TYPE_TEXT[(doc.kind, lang if lang in ("fi", "sv", "en") else "fi")])
    _text(details, "OriginCode", "Original")
    _text(details, "InvoiceNumber", doc.number)
    _date(details, "InvoiceDate", doc.invoice_date)
    if credit and doc.original_number:
        _text(details, "OriginalInvoiceNumber", doc.original_number)
        if doc.original_date:
            _date(details, "OriginalInvoiceDate", doc.original_date)
    if doc.period_start and doc.period_end:
        _date(details, "InvoicingPeriodStartDate", doc.period_start)
        _date(details, "InvoicingPeriodEndDate", doc.period_end)
    if buyer.reference:
        _text(details, "BuyerReferenceIdentifier", buyer.reference[:70])
    _amount(details, "InvoiceTotalVatExcludedAmount", doc.totals.net)
    _amount(details, "InvoiceTotalVatAmount", doc.totals.vat)
    _amount(details, "InvoiceTotalVatIncludedAmount", doc.totals.gross)
    for rate in doc.totals.by_rate:
        vat = ET.SubElement(details, "VatSpecificationDetails")
        _amount(vat, "VatBaseAmount", rate.net)
        _text(vat, "VatRatePercent", percent(rate.rate))
        _text(vat, "VatCode", _vat_code(doc, rate.rate))
        _amount(vat, "VatRateAmount", rate.vat)
        if not seller.vat_registered:
            _text(vat, "VatFreeText", NO_VAT_TEXT.get(lang, NO_VAT_TEXT["fi"])[:70])
    if doc.notes:
        _text(details, "InvoiceFreeText", doc.notes[:512])
    if not seller.vat_registered:
        _text(details, "InvoiceVatFreeText", NO_VAT_TEXT.get(lang, NO_VAT_TEXT["fi"])[:70])
    terms = ET.SubElement(details, "PaymentTermsDetails")
    if not credit:
        _text(
            terms,
            "PaymentTermsFreeText",
            TERMS_TEXT.get(lang, TERMS_TEXT["fi"]).format(days=doc.payment_days),
        )
    _date(terms, "InvoiceDueDate", doc.due_date or doc.invoice_date)
    if not credit and (interest := doc.interest_text):
        fine = ET.SubElement(terms, "PaymentOverDueFineDetails")
        _text(fine, "PaymentOverDueFineFreeText", interest[:70])

    if doc.virtual_barcode:
        _text(root, "VirtualBankBarcode", doc.virtual_barcode)
    for line in doc.lines:
        row = ET.SubElement(root, "InvoiceRow")
        _text(row, "ArticleName", line.description[:100])
        _text(row, "InvoicedQuantity", quantity(line.quantity), QuantityUnitCode="kpl")
        _text(row, "UnitPriceAmount", unit_money(line.unit_net), AmountCurrencyIdentifier="EUR")
        _text(row, "UnitPriceVatIncludedAmount", unit_money(line.unit_price), AmountCurrencyIdentifier="EUR")
        if line.service_date:
            _date(row, "RowDeliveryDate", line.service_date)
        _text(row, "RowVatRatePercent", percent(line.vat_rate))
        _text(row, "RowVatCode", _vat_code(doc, line.vat_rate))
        _amount(row, "RowVatAmount", line.amounts.vat)
        _amount(row, "RowVatExcludedAmount", line.amounts.net)
        _amount(row, "RowAmount", line.amounts.gross)

    epi = ET.SubElement(root, "EpiDetails")
    identification = ET.SubElement(epi, "EpiIdentificationDetails")
    _date(identification, "EpiDate", doc.invoice_date)
    _text(identification, "EpiReference", "0")
    parties = ET.SubElement(epi, "EpiPartyDetails")
    bank = ET.SubElement(parties, "EpiBfiPartyDetails")
    if seller.bic:
        _text(bank, "EpiBfiIdentifier", seller.bic, IdentificationSchemeName="BIC")
    beneficiary = ET.SubElement(parties, "EpiBeneficiaryPartyDetails")
    _text(beneficiary, "EpiNameAddressDetails", _names(seller.name)[0][:35].strip())
    if seller.business_id:
        _text(beneficiary, "EpiBei", seller.business_id)
    _text(beneficiary, "EpiAccountID", seller.iban, IdentificationSchemeName="IBAN")
    instruction = ET.SubElement(epi, "EpiPaymentInstructionDetails")
    if doc.payable_reference:
        scheme = "ISO" if doc.creditor_reference else "SPY"
        _text(
            instruction, "EpiRemittanceInfoIdentifier", doc.payable_reference, IdentificationSchemeName=scheme
        )
    _text(instruction, "EpiInstructedAmount", money(doc.totals.gross), AmountCurrencyIdentifier="EUR")
    _text(instruction, "EpiCharge", "", ChargeOption="SLEV")
    _date(instruction, "EpiDateOptionDate", doc.due_date or doc.invoice_date)

    attachments = ET.SubElement(root, "AttachmentMessageDetails")
    _text(attachments, "AttachmentMessageIdentifier", f"{message_identifier(doc)}::attachments")
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _vat_code(doc: Document, rate: Decimal) -> str:
    """S: standard rated; Z: zero rated; O: outside the scope of VAT (a practice not registered)."""
    if not doc.seller.vat_registered:
        return "O"
    return "S" if rate > 0 else "Z"
