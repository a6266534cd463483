"""Invoices made from what was held: drafts, numbered invoices, credit notes, payments.

A draft can be edited freely; finalising gives it the next number of its year from a gap-free
sequence (a row per year, locked while a number is taken) and makes it immutable: its seller
details and bank account are copied into it then. A correction is a credit note that refers to it.
Each line made from something billable names its source ("booking:12"); a partial unique
constraint lets one source be on at most one live line, so nothing is invoiced twice.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.formats import format_date
from core.money import format_euros

from . import amounts

PUBLIC_SECTOR_MAX_DAYS = 30
REMINDER_AFTER_DAYS = 7


class InvoicingSettings(models.Model):
    """The practice's invoicing settings: one row (pk 1), edited in the workspace."""

    iban = models.CharField(_("bank account (IBAN)"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    payment_days = models.PositiveSmallIntegerField(
        _("payment term (days net)"), default=14, validators=[MinValueValidator(0), MaxValueValidator(90)]
    )
    use_creditor_reference = models.BooleanField(
        _("print the RF creditor reference"),
        default=False,
        help_text=_(
            "The international form of the reference (ISO 11649); the bank barcode is then version 5."
        ),
    )
    interest_text_fi = models.CharField(
        _("late-payment interest (Finnish)"), max_length=200, default="Viivästyskorko korkolain mukaan."
    )
    interest_text_sv = models.CharField(
        _("late-payment interest (Swedish)"), max_length=200, default="Dröjsmålsränta enligt räntelagen."
    )
    interest_text_en = models.CharField(
        _("late-payment interest (English)"),
        max_length=200,
        default="Late-payment interest under the Finnish Interest Act.",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("invoicing settings")
        verbose_name_plural = _("invoicing settings")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="invoicing_settings_one_row")]

    def __str__(self):
        return str(_("Invoicing settings"))


class InvoiceSequence(models.Model):
    """The last number taken in a year. Locked (SELECT … FOR UPDATE) while a number is taken."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice number sequence")
        verbose_name_plural = _("invoice number sequences")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class FinvoiceBatch(models.Model):
    """The e-invoices handed to the operator together, as one zip of Finvoice files."""

    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Finvoice batch")
        verbose_name_plural = _("Finvoice batches")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Batch %(pk)s") % {"pk": self.pk}


# Who pays and how to reach them: copied from an invoice to its credit note as they were.
BUYER_FIELDS = (
    "buyer_name",
    "buyer_business_id",
    "buyer_contact",
    "buyer_email",
    "buyer_address",
    "buyer_einvoice_address",
    "buyer_einvoice_operator",
    "buyer_reference",
    "public_sector",
)


class Invoice(models.Model):
    """An invoice or a credit note to one payer (an organisation by business ID, or a person)."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        PAID = "paid", _("Paid")
        CREDITED = "credited", _("Credited")

    class Delivery(models.TextChoices):
        EMAIL = "email", _("By email (PDF)")
        EINVOICE = "einvoice", _("E-invoice (Finvoice)")
        PAPER = "paper", _("On paper (printed by the practice)")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.INVOICE)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    number = models.CharField(_("invoice number"), max_length=20, blank=True, editable=False)
    reference = models.CharField(_("reference number"), max_length=25, blank=True, editable=False)
    creditor_reference = models.CharField(
        _("RF creditor reference"), max_length=25, blank=True, editable=False
    )
    credited_invoice = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("credits invoice"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fi")

    payer_key = models.CharField(max_length=260, editable=False)
    buyer_name = models.CharField(_("payer"), max_length=200)
    buyer_business_id = models.CharField(_("business ID (Y-tunnus)"), max_length=9, blank=True)
    buyer_contact = models.CharField(_("contact person"), max_length=200, blank=True)
    buyer_email = models.EmailField(_("email"), blank=True)
    buyer_address = models.TextField(_("postal address"), blank=True, max_length=500)
    buyer_einvoice_address = models.CharField(_("e-invoice address"), max_length=35, blank=True)
    buyer_einvoice_operator = models.CharField(_("e-invoice operator"), max_length=35, blank=True)
    buyer_reference = models.CharField(_("payer's reference or cost centre"), max_length=100, blank=True)
    public_sector = models.BooleanField(
        _("public-sector payer"),
        default=False,
        help_text=_("A municipality, a wellbeing services county or the state: at most 30 days to pay."),
    )
    delivery = models.CharField(_("sent"), max_length=10, choices=Delivery, default=Delivery.EMAIL)
    payment_days = models.PositiveSmallIntegerField(
        _("payment term (days net)"), default=14, validators=[MaxValueValidator(90)]
    )
    notes = models.TextField(_("message on the invoice"), blank=True, max_length=2000)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)

    invoice_date = models.DateField(_("invoice date"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    seller = models.JSONField(default=dict, blank=True, editable=False)  # copied when finalised
    total = models.DecimalField(
        _("total incl. VAT"), max_digits=11, decimal_places=2, default=Decimal("0.00")
    )
    finvoice_batch = models.ForeignKey(
        FinvoiceBatch,
        verbose_name=_("Finvoice batch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invoices",
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    credited_at = models.DateTimeField(_("credited"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["reference"])]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="invoice_number_once_a_year"),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(sequence__isnull=False) & Q(invoice_date__isnull=False)),
                name="invoice_finalised_has_number",
            ),
            models.CheckConstraint(
                condition=~Q(public_sector=True) | Q(payment_days__lte=PUBLIC_SECTOR_MAX_DAYS),
                name="invoice_public_sector_term",
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice") | Q(credited_invoice__isnull=False),
                name="invoice_credit_note_credits_one",
            ),
        ]

    def __str__(self):
        if self.number:
            return f"{self.get_kind_display()} {self.number}"
        return _("Draft %(pk)s: %(payer)s") % {"pk": self.pk, "payer": self.buyer_name}

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def is_overdue(self, today: dt.date) -> bool:
        return (
            self.status == self.Status.SENT
            and self.kind == self.Kind.INVOICE
            and self.due_date is not None
            and today > self.due_date
        )


class InvoiceLine(models.Model):
    """One line: quantity × unit price incl. VAT at a VAT rate. `source` names what was billed."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source = models.CharField(max_length=40, blank=True, editable=False)
    active = models.BooleanField(default=True, editable=False)  # off once its invoice is credited
    service_date = models.DateField(_("date of service"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=9, decimal_places=2, default=Decimal("1"))
    unit_price = models.DecimalField(_("unit price incl. VAT (EUR)"), max_digits=9, decimal_places=2)
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("50"))],
    )

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source"],
                condition=Q(active=True) & ~Q(source=""),
                name="invoice_line_source_billed_once",
            )
        ]

    def __str__(self):
        return self.description

    @property
    def amounts(self) -> amounts.LineAmounts:
        return amounts.line_amounts(self.quantity, self.unit_price, self.vat_rate)


class LeftOut(models.Model):
    """Something billable the practitioner chose not to invoice (paid on site, not charged)."""

    class Reason(models.TextChoices):
        PAID_ON_SITE = "paid_on_site", _("Paid on site")
        NOT_CHARGED = "not_charged", _("Not charged")

    source = models.CharField(_("source"), max_length=40, unique=True)
    reason = models.CharField(_("reason"), max_length=14, choices=Reason)
    at = models.DateTimeField(auto_now_add=True)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("item left out of invoicing")
        verbose_name_plural = _("items left out of invoicing")

    def __str__(self):
        return f"{self.source} ({self.get_reason_display()})"


class Payment(models.Model):
    """Money received for an invoice: marked by hand, or read from a bank statement (camt.054)."""

    class Origin(models.TextChoices):
        MANUAL = "manual", _("Marked by hand")
        BANK = "bank", _("Bank statement")

    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
    )
    origin = models.CharField(_("from"), max_length=8, choices=Origin)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=11, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference number"), max_length=35, blank=True)
    payer_name = models.CharField(_("payer"), max_length=140, blank=True)
    bank_id = models.CharField(max_length=100, blank=True, editable=False)  # the bank's id of the entry
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bank_id"], condition=~Q(bank_id=""), name="payment_bank_entry_once"
            )
        ]

    def __str__(self):
        return f"{format_euros(self.amount)} {format_date(self.paid_on)}" if self.amount is not None else ""
