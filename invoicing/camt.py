"""Incoming payments from an ISO 20022 camt.054 bank statement (pure; any 001.xx version).

Each credit entry's transactions give the structured reference (RmtInf/Strd/CdtrRefInf/Ref), the
amount (the transaction's own, else the entry's), the booking date and the bank's id of the entry.
Parsed with defusedxml: an uploaded file can't expand entities or reach anything.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException


class NotAStatement(ValueError):
    pass


@dataclass(frozen=True)
class Credit:
    reference: str
    amount: Decimal
    booked_on: dt.date
    payer: str
    bank_id: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: Element | None, *path: str) -> Element | None:
    for name in path:
        if element is None:
            return None
        element = next((c for c in element if _local(c.tag) == name), None)
    return element


def _children(element: Element, name: str) -> list[Element]:
    return [c for c in element if _local(c.tag) == name]


def _text(element: Element | None, *path: str) -> str:
    found = _child(element, *path)
    return (found.text or "").strip() if found is not None else ""


def _amount(element: Element | None) -> Decimal | None:
    if element is None or (element.get("Ccy") or "EUR") != "EUR":
        return None
    try:
        return Decimal((element.text or "").strip())
    except InvalidOperation:
        return None


def _date(entry: Element) -> dt.date:
    for path in (("BookgDt", "Dt"), ("ValDt", "Dt"), ("BookgDt", "DtTm"), ("ValDt", "DtTm")):
        if text := _text(entry, *path):
            return dt.date.fromisoformat(text[:10])
    raise NotAStatement("an entry without a booking date")


def credits(data: bytes) -> list[Credit]:
    """The incoming EUR payments with a reference in a camt.054 file; raises NotAStatement."""
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        raise NotAStatement("not XML") from exc
    notification = _child(root, "BkToCstmrDbtCdtNtfctn")
    if _local(root.tag) != "Document" or notification is None:
        raise NotAStatement("not a camt.054 notification")
    found = []
    for ntfctn in _children(notification, "Ntfctn"):
        for entry in _children(ntfctn, "Ntry"):
            if _text(entry, "CdtDbtInd") != "CRDT" or _text(entry, "RvslInd") == "true":
                continue
            booked_on = _date(entry)
            entry_id = _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef")
            details = [tx for d in _children(entry, "NtryDtls") for tx in _children(d, "TxDtls")]
            for n, tx in enumerate(details):
                reference = _text(tx, "RmtInf", "Strd", "CdtrRefInf", "Ref")
                amount = _amount(_child(tx, "Amt")) or _amount(_child(tx, "AmtDtls", "TxAmt", "Amt"))
                if amount is None and len(details) == 1:
                    amount = _amount(_child(entry, "Amt"))
                if not reference or amount is None:
                    continue
                tx_id = _text(tx, "Refs", "AcctSvcrRef") or _text(tx, "Refs", "EndToEndId")
                found.append(
                    Credit(
                        reference="".join(reference.split()).upper(),
                        amount=amount,
                        booked_on=booked_on,
                        payer=_text(tx, "RltdPties", "Dbtr", "Nm")
                        or _text(tx, "RltdPties", "Dbtr", "Pty", "Nm"),
                        bank_id=":".join(filter(None, [entry_id, tx_id or str(n)]))[:100],
                    )
                )
    return found
