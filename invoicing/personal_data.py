"""The personal data on invoices, registered with privacy.registry (find, export, erase, retention).

An invoice names its payer: for a private client their name, email and postal address. Accounting
records must be kept six years from the end of the year they were made (Kirjanpitolaki 2:10 §),
so erasure removes only drafts (GDPR art. 17(3)(b): a finalised invoice is kept for that legal
obligation), and the retention pass blanks a private payer's details from invoices older than that.
"""

import datetime as dt

from django.db.models import Q

from privacy.registry import PersonalData, register

from .models import Invoice, Payment

KEEP_YEARS = 6


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
    """Deletes drafts only: finalised invoices are accounting records the law requires us to keep."""
    drafts = Invoice.objects.filter(pk__in=[inv.pk for inv in invoices], status=Invoice.Status.DRAFT)
    count, _by_model = drafts.delete()
    return count


def purge_due(now: dt.datetime) -> int:
    """Blanks private payers' details on invoices made more than six full years ago."""
    last_year = now.year - KEEP_YEARS - 1
    old = Invoice.objects.filter(payer_key__startswith="person:", year__lte=last_year).exclude(
        Q(buyer_email="") & Q(buyer_address="") & Q(buyer_name="–")
    )
    Payment.objects.filter(invoice__in=old).update(payer_name="")
    return old.update(
        buyer_name="–", buyer_contact="", buyer_email="", buyer_address="", payer_key="person:–"
    )


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
