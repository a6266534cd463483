"""Invoices as accounting records: what erasure and retention may do to them.

Accounting records are kept six years from the end of the year they were made (Kirjanpitolaki
2:10 §). Erasure therefore removes only drafts (GDPR art. 17(3)(b)); after the six years the daily
retention pass blanks a private payer's name, email and address from the invoices and payments.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q

from ..models import Invoice, Payment

KEEP_YEARS = 6
BLANK_NAME = "–"


def invoices_erase_drafts(*, invoices) -> int:
    """Deletes those of `invoices` that are drafts; returns how many. Finalised ones stay."""
    drafts = Invoice.objects.filter(pk__in=[inv.pk for inv in invoices], status=Invoice.Status.DRAFT)
    count, _by_model = drafts.delete()
    return count


def invoices_anonymise_expired(*, now: dt.datetime) -> int:
    """Blanks private payers' details on invoices made more than six full years ago; returns how
    many invoices changed."""
    last_year = now.year - KEEP_YEARS - 1
    old = Invoice.objects.filter(payer_key__startswith="person:", year__lte=last_year).exclude(
        Q(buyer_email="") & Q(buyer_address="") & Q(buyer_name=BLANK_NAME)
    )
    with transaction.atomic():
        Payment.objects.filter(invoice__in=old).update(payer_name="")
        return old.update(
            buyer_name=BLANK_NAME, buyer_contact="", buyer_email="", buyer_address="", payer_key="person:–"
        )
