"""Input of the public booking pages: the choice carried in the query string and the forms.

Cleaning only: nothing here writes. Values of the query string are parsed leniently (anything
odd is None and the view sends the client back to the step), never trusted.
"""

import datetime as dt
import re

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus

from core.spam import HONEYPOT_FIELD, STARTED_FIELD, SpamGuardMixin
from core.time import local_datetime

from .actions.common import Client
from .models import SessionType

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_START = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$")
SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
SPAM_FIELDS = (HONEYPOT_FIELD, STARTED_FIELD)


def parse_month(value: str | None) -> dt.date | None:
    """`2026-11` → the first day of that month."""
    match = _MONTH.match(value or "")
    try:
        return dt.date(int(match[1]), int(match[2]), 1) if match else None
    except ValueError:
        return None


def parse_day(value: str | None) -> dt.date | None:
    """`2026-11-24` → that date (impossible dates are None)."""
    match = _DAY.match(value or "")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        return None


def parse_start(value: str | None) -> dt.datetime | None:
    """`2026-11-24T14:00`, a Helsinki wall-clock time → the aware instant (None if it doesn't exist)."""
    match = _START.match(value or "")
    if not match:
        return None
    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        time = dt.time(int(match[4]), int(match[5]))
    except ValueError:
        return None
    return local_datetime(day, time)


phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()-]{4,30}$", _("Enter a phone number, for example 040 123 4567 or +358 40 123 4567.")
)

ORGANISATION_FIELDS = (
    "organisation_name",
    "business_id",
    "einvoice_address",
    "einvoice_operator",
    "postal_address",
    "invoice_reference",
)


def phone_field() -> forms.CharField:
    """The optional phone number the contact forms ask."""
    return forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )


class ContactForm(forms.Form):
    """Who to confirm to: name, email and an optional phone (bookings, event seats)."""

    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("The confirmation and your personal link to the booking are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = phone_field()

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class DetailsForm(ContactForm):
    """Who books, how many they are, and who pays. Group size only for group session types.

    Bound to the details kept in the session, it re-checks them at the review step."""

    group_size = forms.IntegerField(label=_("Number of participants"))
    notes = forms.CharField(
        label=_("Message to the practitioner (optional)"),
        help_text=_("For example what you would like to work on. Please leave out health details."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    organisation_pays = forms.BooleanField(
        label=_("My employer or another organisation pays (invoice)"),
        help_text=_("Fill in the invoicing details below."),
        required=False,
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    business_id = forms.CharField(
        label=_("Business ID (Y-tunnus)"),
        help_text=_("For example 1234567-8"),
        max_length=20,
        required=False,
    )
    einvoice_address = forms.CharField(
        label=_("E-invoice address"),
        help_text=_("For example 003712345678"),
        max_length=35,
        required=False,
    )
    einvoice_operator = forms.CharField(
        label=_("E-invoice operator"),
        help_text=_("The operator's name or ID, for example 003721291126"),
        max_length=35,
        required=False,
    )
    postal_address = forms.CharField(
        label=_("Invoicing postal address"),
        help_text=_("Only if the organisation has no e-invoice address."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    invoice_reference = forms.CharField(
        label=_("Your reference (optional)"),
        help_text=_("For example a cost centre or an order number."),
        max_length=100,
        required=False,
    )

    def __init__(self, *args, session_type: SessionType, **kwargs):
        super().__init__(*args, **kwargs)
        self.session_type = session_type
        if session_type.audience == SessionType.Audience.GROUP:
            low, high = session_type.group_min, session_type.group_max
            out_of_range = _("The group is from %(min)s to %(max)s people.") % {"min": low, "max": high}
            self.fields["group_size"] = forms.IntegerField(
                label=self.fields["group_size"].label,
                min_value=low,
                max_value=high,
                help_text=_("From %(min)s to %(max)s people.") % {"min": low, "max": high},
                error_messages={"min_value": out_of_range, "max_value": out_of_range},
            )
        else:
            del self.fields["group_size"]

    def clean_business_id(self):
        value = self.cleaned_data["business_id"].strip()
        if not value:
            return ""
        try:
            return ytunnus.format(ytunnus.validate(value))
        except StdnumError:
            raise forms.ValidationError(
                _("This is not a valid business ID (Y-tunnus). Check the number, e.g. 1234567-8."),
                code="invalid",
            ) from None

    def clean(self):
        data = super().clean()
        filled = [name for name in ORGANISATION_FIELDS if data.get(name)]
        if not data.get("organisation_pays"):
            if filled:
                self.add_error(
                    "organisation_pays",
                    _(
                        "You gave invoicing details: tick this if an organisation pays, "
                        "or clear the invoicing details."
                    ),
                )
            return data
        required = _("Required when an organisation pays.")
        for name in ("organisation_name", "business_id"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, required)
        address, operator = data.get("einvoice_address"), data.get("einvoice_operator")
        if address and not operator:
            self.add_error("einvoice_operator", _("Give the operator of the e-invoice address."))
        elif operator and not address:
            self.add_error("einvoice_address", _("Give the e-invoice address of this operator."))
        elif not address and not data.get("postal_address"):
            self.add_error(
                "einvoice_address", _("Give an e-invoice address and operator, or a postal address.")
            )
        return data

    def organisation(self) -> dict:
        """OrganisationDetails field values, empty when the client pays."""
        if not self.cleaned_data.get("organisation_pays"):
            return {}
        return {name: self.cleaned_data[name] for name in ORGANISATION_FIELDS}

    def client(self, *, language: str) -> Client:
        data = self.cleaned_data
        return Client(
            name=data["name"],
            email=data["email"],
            phone=data["phone"].strip(),
            language=language,
            notes=data["notes"].strip(),
            group_size=data.get("group_size") or 1,
            organisation=self.organisation(),
        )

    def stored(self) -> dict:
        """What the session keeps (the typed values, so the form can be shown again as typed)."""
        return {name: self.data.get(name, "") for name in self.fields if name not in SPAM_FIELDS}


class DetailsEntryForm(SpamGuardMixin, DetailsForm):
    """The details step as the client fills it in: with the honeypot and the fill-time check."""


class SubmitForm(forms.Form):
    """The review step's confirmation: a key made when the page was shown, so that submitting
    the same page twice books once."""

    submission_key = forms.RegexField(regex=SUBMISSION_KEY, widget=forms.HiddenInput)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        help_text=_("You may tell the practitioner why you cancel."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
