from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicingConfig(AppConfig):
    """Invoices from what was held: reference numbers, the bank barcode, PDF and Finvoice 3.0.

    Above bookings, events, series and mediation: it reads them; nothing below imports it."""

    name = "invoicing"
    verbose_name = _("Invoicing")

    def ready(self):
        # Registers the invoice email and the overdue reminder, the payers' personal data and who
        # may invoice.
        from . import access, messages, personal_data  # noqa: F401
