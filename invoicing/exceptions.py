"""Invoicing's domain errors, each with a translated message the workspace shows."""

from django.utils.translation import gettext_lazy as _


class InvoicingError(Exception):
    default = _("The invoice could not be changed.")

    def __init__(self, message=None):
        self.message = message or self.default
        super().__init__(str(self.message))


class InvoiceLocked(InvoicingError):
    default = _("A finalised invoice can't be changed. Make a credit note to correct it.")


class NotReady(InvoicingError):
    default = _("The invoice can't be finalised yet.")


class AlreadyInvoiced(InvoicingError):
    default = _("Some of these were invoiced meanwhile. The list has been updated: please try again.")


class NotCreditable(InvoicingError):
    default = _("Only a sent or paid invoice can be credited.")


class BadStatement(InvoicingError):
    default = _("The file is not a camt.054 bank statement this site can read.")
