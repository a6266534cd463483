"""Invoicing's domain errors, each with a translated message the workspace shows."""

from django.utils.translation import gettext_lazy as _

from core.exceptions import DomainError


class InvoicingError(DomainError):
    message = _("The invoice could not be changed.")


class InvoiceLocked(InvoicingError):
    message = _("A finalised invoice can't be changed. Make a credit note to correct it.")


class NotReady(InvoicingError):
    message = _("The invoice can't be finalised yet.")


class AlreadyInvoiced(InvoicingError):
    message = _("Some of these were invoiced meanwhile. The list has been updated: please try again.")


class NotCreditable(InvoicingError):
    message = _("Only a sent or paid invoice can be credited.")


class BadStatement(InvoicingError):
    message = _("The file is not a camt.054 bank statement this site can read.")
