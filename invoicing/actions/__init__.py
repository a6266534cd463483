"""Every write of invoicing (see each module): drafts and their lines, numbers and credit notes,
payments, Finvoice batches and the settings."""

from .drafts import (
    billable_leave_out,
    billable_put_back,
    invoice_delete,
    invoice_line_add,
    invoice_line_remove,
    invoice_line_update,
    invoice_update,
    invoices_draft,
)
from .numbers import finvoice_batch_make, invoice_credit, invoice_finalise
from .payments import ImportResult, invoice_mark_paid, invoicing_settings_save, payments_import

__all__ = [
    "ImportResult",
    "billable_leave_out",
    "billable_put_back",
    "finvoice_batch_make",
    "invoice_credit",
    "invoice_delete",
    "invoice_finalise",
    "invoice_line_add",
    "invoice_line_remove",
    "invoice_line_update",
    "invoice_mark_paid",
    "invoice_update",
    "invoices_draft",
    "invoicing_settings_save",
    "payments_import",
]
