"""Forms of the invoicing pages: input cleaning only, no writes."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from stdnum import bic, iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus

from core.widgets import IsoDateInput

from .actions.drafts import HEADER_FIELDS
from .models import PUBLIC_SECTOR_MAX_DAYS, Invoice, InvoiceLine, InvoicingSettings, LeftOut

MAX_STATEMENT_BYTES = 5 * 2**20


class MonthForm(forms.Form):
    month = forms.RegexField(label=_("Month"), regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False)

    def first_day(self, default: dt.date) -> dt.date:
        value = self.cleaned_data.get("month") if self.is_valid() else None
        if not value:
            return default.replace(day=1)
        year, month = value.split("-")
        return dt.date(int(year), int(month), 1)


class DraftForm(forms.Form):
    """The payers to draft invoices for (all of them are checked on the page)."""

    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", widget=forms.HiddenInput)
    payers = forms.MultipleChoiceField(label=_("Payers"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, payer_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payers"].choices = payer_choices


class LeaveOutForm(forms.Form):
    source = forms.RegexField(regex=r"^[a-z_]+:\d+$", widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Reason"), choices=LeftOut.Reason.choices)
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", widget=forms.HiddenInput)


class HeaderForm(forms.ModelForm):
    class Meta:
        model = Invoice
        fields = HEADER_FIELDS
        widgets = {
            "buyer_address": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_buyer_business_id(self):
        value = self.cleaned_data["buyer_business_id"].strip()
        if value and not ytunnus.is_valid(value):
            raise forms.ValidationError(
                _("Check the business ID: it should be like 1234567-8 with a matching check digit.")
            )
        return ytunnus.format(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("public_sector") and (cleaned.get("payment_days") or 0) > PUBLIC_SECTOR_MAX_DAYS:
            self.add_error(
                "payment_days",
                _("A public-sector payer's term is at most %(days)s days.")
                % {"days": PUBLIC_SECTOR_MAX_DAYS},
            )
        if bool(cleaned.get("buyer_einvoice_address")) != bool(cleaned.get("buyer_einvoice_operator")):
            self.add_error(
                "buyer_einvoice_operator", _("Give both the e-invoice address and the operator, or neither.")
            )
        if cleaned.get("delivery") == Invoice.Delivery.EMAIL and not cleaned.get("buyer_email"):
            self.add_error("buyer_email", _("Sending by email needs the payer's email address."))
        if cleaned.get("delivery") == Invoice.Delivery.EINVOICE and not cleaned.get("buyer_einvoice_address"):
            self.add_error(
                "buyer_einvoice_address", _("An e-invoice needs the payer's e-invoice address and operator.")
            )
        return cleaned


class LineForm(forms.ModelForm):
    class Meta:
        model = InvoiceLine
        fields = ("description", "service_date", "quantity", "unit_price", "vat_rate")
        widgets = {"service_date": IsoDateInput}

    def clean_quantity(self):
        value = self.cleaned_data["quantity"]
        if value <= 0:
            raise forms.ValidationError(_("The quantity must be more than zero."))
        return value

    def clean_unit_price(self):
        value = self.cleaned_data["unit_price"]
        if value < 0:
            raise forms.ValidationError(_("The price can't be negative: credit a finalised invoice instead."))
        return value


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=IsoDateInput)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        required=False,
        max_digits=11,
        decimal_places=2,
        min_value=Decimal("0.01"),
        help_text=_("Leave empty for the whole amount still open."),
    )


class CreditForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (printed on the credit note)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StatementForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (camt.054 XML)"), validators=[FileExtensionValidator(["xml"])]
    )

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 5 MB)."))
        return upload.read()


class SettingsForm(forms.ModelForm):
    class Meta:
        model = InvoicingSettings
        fields = (
            "iban",
            "bic",
            "payment_days",
            "use_creditor_reference",
            "interest_text_fi",
            "interest_text_sv",
            "interest_text_en",
        )

    def clean_iban(self):
        value = "".join(self.cleaned_data["iban"].split()).upper()
        if not value:
            return ""
        try:
            iban.validate(value)
        except StdnumError:
            raise forms.ValidationError(_("This is not a valid IBAN. Check the account number.")) from None
        if not value.startswith("FI"):
            raise forms.ValidationError(
                _("The bank barcode needs a Finnish account (an IBAN starting with FI).")
            )
        return value

    def clean_bic(self):
        value = self.cleaned_data["bic"].strip().upper()
        if value:
            try:
                bic.validate(value)
            except StdnumError:
                raise forms.ValidationError(_("This is not a valid BIC, e.g. OKOYFIHH.")) from None
        return value
