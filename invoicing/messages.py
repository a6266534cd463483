"""Message kinds of invoicing (see notifications/registry.py): the invoice email with its PDF, and
the overdue reminder, sent once, seven days after the due date.

Both builders run at send time in the payer's language. The reminder returns None when the invoice
was paid or credited meanwhile; the invoice email never carries anything the PDF doesn't.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.time import HELSINKI
from notifications.registry import Email, kind
from notifications.rendering import render_email

from . import pdf, selectors
from .models import Invoice


def _invoice(message) -> Invoice | None:
    try:
        return selectors.invoice(message.target_id)
    except Invoice.DoesNotExist:
        return None


def _email(template: str, invoice: Invoice, *, subject: str) -> Email:
    document = selectors.document(invoice)
    return render_email(
        f"invoicing/email/{template}",
        {"doc": document, "name": invoice.buyer_contact or invoice.buyer_name},
        subject=subject,
        attachments=[(pdf.filename(document), pdf.render(document), "application/pdf")],
        reply_to=[document.seller.email] if document.seller.email else None,
    )


@kind("invoice", label=gettext_lazy("Invoice or credit note with its PDF (to the payer)"))
def invoice_email(message) -> Email | None:
    invoice = _invoice(message)
    if invoice is None or invoice.is_draft:
        return None
    seller = selectors.seller_of(invoice).name
    if invoice.kind == Invoice.Kind.CREDIT_NOTE:
        subject = _("Credit note %(number)s from %(seller)s") % {"number": invoice.number, "seller": seller}
    else:
        subject = _("Invoice %(number)s from %(seller)s") % {"number": invoice.number, "seller": seller}
    return _email("invoice", invoice, subject=subject)


@kind("invoice_overdue", label=gettext_lazy("Reminder of an overdue invoice (to the payer, once)"))
def invoice_overdue(message) -> Email | None:
    invoice = _invoice(message)
    today = timezone.now().astimezone(HELSINKI).date()
    if invoice is None or not invoice.is_overdue(today):
        return None
    subject = _("Reminder: invoice %(number)s is overdue") % {"number": invoice.number}
    return _email("overdue", invoice, subject=subject)
