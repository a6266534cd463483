"""The personal data on invoices, registered with privacy.registry (find, export, erase, retention).

An invoice names its payer: for a private client their name, email and postal address. Accounting
records must be kept six years from the end of the year they were made (Kirjanpitolaki 2:10 §),
so erasure removes only drafts (GDPR art. 17(3)(b): a finalised invoice is kept for that legal
obligation), and the retention pass blanks a private payer's details from invoices older than that.
"""

import datetime as dt

from privacy.registry import PersonalData, register

from .actions.retention import invoices_anonymise_expired, invoices_erase_drafts
from .models import Invoice


def find(email: str):
    email = email.strip()
    return Invoice.objects.filter(buyer_email__iexact=email).order_by("pk") if email else []


def export(invoices) -> list[dict]:
    return [
        {
            "kind": "invoice",
            "number": inv.number,
            "status": inv.status,
            "invoice_date": inv.invoice_date.isoformat() if inv.invoice_date else None,
            "due_date": inv.due_date.isoformat() if inv.due_date else None,
            "total": str(inv.total),
            "payer": inv.buyer_name,
            "contact": inv.buyer_contact,
            "email": inv.buyer_email,
            "address": inv.buyer_address,
            "reference": inv.buyer_reference,
        }
        for inv in invoices
    ]


def erase(invoices) -> int:
    return invoices_erase_drafts(invoices=invoices)


def purge_due(now: dt.datetime) -> int:
    return invoices_anonymise_expired(now=now)


register(
    PersonalData(
        name="invoices",
        find=find,
        export=export,
        erase=erase,
        purge_due=purge_due,
        retention=(
            "Invoices are accounting records: kept six years from the end of the year they were made "
            "(Accounting Act 2:10), then a private payer's name, email and address are blanked; "
            "only drafts can be erased before that"
        ),
    )
)
