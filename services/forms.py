"""Request forms of organisations: cleaning only. Each kind asks what planning it needs, no more."""

import datetime as dt
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from stdnum import iban
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import ytunnus

from core.spam import SpamGuardMixin
from core.widgets import IsoDateInput

from .models import ServiceRequest

DATE_FIELDS = ("date_1", "date_2", "date_3")
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y"]
_PHONE = re.compile(r"^\+?[\d\s()-]{6,24}$")
_EINVOICE = re.compile(r"^[A-Z0-9]{9,35}$")


def clean_business_id(value: str) -> str:
    """A Finnish business ID (Y-tunnus) with a matching check digit, written 1234567-8."""
    try:
        return ytunnus.format(ytunnus.validate(value))
    except InvalidChecksum:
        raise forms.ValidationError(
            _("The check digit of this business ID does not match. Please check the number."), code="checksum"
        ) from None
    except StdnumError:
        raise forms.ValidationError(
            _("Write the business ID in the form 1234567-8."), code="format"
        ) from None


def clean_einvoice_address(value: str) -> str:
    """An OVT code (0037 + business ID + optional suffix) or an IBAN, as e-invoice addresses are."""
    compact = re.sub(r"[\s-]", "", value).upper()
    if not _EINVOICE.match(compact):
        raise forms.ValidationError(
            _("An e-invoice address is an OVT code such as 003712345678 or an account number (IBAN)."),
            code="format",
        )
    if compact.startswith("0037"):
        if not ytunnus.is_valid(compact[4:12]):
            raise forms.ValidationError(
                _("This OVT code does not contain a valid business ID. Please check it."), code="ovt"
            )
    elif compact[:2].isalpha() and not iban.is_valid(compact):
        raise forms.ValidationError(
            _("This account number (IBAN) is not valid. Please check it."), code="iban"
        )
    return compact


class RequestForm(SpamGuardMixin, forms.ModelForm):
    """The common part; each kind below lists its sections (legend, fields) in the order shown."""

    date_1 = forms.DateField(label=_("Preferred date"), widget=IsoDateInput, input_formats=DATE_INPUT_FORMATS)
    date_2 = forms.DateField(
        label=_("Another possible date"),
        required=False,
        widget=IsoDateInput,
        input_formats=DATE_INPUT_FORMATS,
    )
    date_3 = forms.DateField(
        label=_("A third possible date"),
        required=False,
        widget=IsoDateInput,
        input_formats=DATE_INPUT_FORMATS,
    )

    kind: str = ""
    notice: str = ""
    organisation = (
        _("Your organisation"),
        ("organisation_name", "business_id", "contact_name", "email", "phone"),
    )
    invoicing_section = (
        _("Invoicing"),
        ("invoicing", "einvoice_address", "einvoice_operator", "postal_address", "invoice_reference"),
    )
    sections: tuple = ()
    required_fields: tuple[str, ...] = ("group_size",)

    class Meta:
        model = ServiceRequest
        fields = [
            "organisation_name",
            "business_id",
            "contact_name",
            "email",
            "phone",
            "time_preference",
            "place",
            "address",
            "group_size",
            "invoicing",
            "einvoice_address",
            "einvoice_operator",
            "postal_address",
            "invoice_reference",
            "message",
        ]
        labels = {
            "organisation_name": _("Organisation"),
            "business_id": _("Business ID (Y-tunnus)"),
            "contact_name": _("Contact person"),
            "email": _("Email"),
            "phone": _("Phone"),
            "time_preference": _("Preferred time of day"),
            "place": _("Where"),
            "address": _("Address of the venue"),
            "invoicing": _("How would you like to be invoiced?"),
            "einvoice_address": _("E-invoice address"),
            "einvoice_operator": _("E-invoice operator"),
            "postal_address": _("Invoicing address"),
            "invoice_reference": _("Your reference for the invoice"),
            "message": _("Message"),
        }
        help_texts = {
            "business_id": _("For example 1234567-8."),
            "email": _("We send the confirmation here."),
            "time_preference": _("For example: mornings, or between 13 and 16."),
            "address": _("Street address and town."),
            "einvoice_address": _("Your OVT code, for example 003712345678."),
            "einvoice_operator": _(
                "The operator's name or intermediator code, for example Maventa 003721291126."
            ),
            "invoice_reference": _("A cost centre, order number or person, if you need one on the invoice."),
        }
        widgets = {
            "place": forms.RadioSelect,
            "invoicing": forms.RadioSelect,
            "postal_address": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 5}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "group_size": forms.NumberInput(attrs={"min": 1, "max": 2000, "inputmode": "numeric"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        shown = [name for _legend, names in self.sections for name in names]
        for name in list(self.fields):
            if name not in shown and name not in ("website", "form_started"):
                del self.fields[name]
        for name in self.required_fields:
            if name in self.fields:
                self.fields[name].required = True
        if "invoicing" in self.fields:
            self.fields["invoicing"].required = True
            self.fields["invoicing"].choices = ServiceRequest.Invoicing.choices
        if "place" in self.fields:
            self.fields["place"].choices = ServiceRequest.Place.choices
        self.fields["message"].required = False
        if "group_size" in self.fields:
            self.fields["group_size"].validators += [MinValueValidator(1), MaxValueValidator(2000)]
        self.order_fields([*shown, "website", "form_started"])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.template = "services/partials/crispy_fields.html"
        parts = (
            [HTML(format_html('<div class="notice" role="note">{}</div>', self.notice))]
            if self.notice
            else []
        )
        parts += [Fieldset(legend, *names) for legend, names in self.sections]
        parts += ["website", "form_started"]
        self.helper.layout = Layout(*parts)

    def clean_business_id(self):
        return clean_business_id(self.cleaned_data["business_id"])

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 6):
            raise forms.ValidationError(_("Write the phone number with digits, for example 040 123 4567."))
        return phone

    def clean_einvoice_address(self):
        value = self.cleaned_data.get("einvoice_address", "").strip()
        return clean_einvoice_address(value) if value else ""

    def _clean_date(self, name: str):
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        today = timezone.localdate()
        if value <= today:
            raise forms.ValidationError(_("Choose a date in the future."), code="past")
        if value > today + dt.timedelta(days=2 * 365):
            raise forms.ValidationError(_("Choose a date within the next two years."), code="far")
        return value

    def clean_date_1(self):
        return self._clean_date("date_1")

    def clean_date_2(self):
        return self._clean_date("date_2")

    def clean_date_3(self):
        return self._clean_date("date_3")

    def clean(self):
        cleaned = self.cleaned_data
        seen = []
        for name in DATE_FIELDS:
            value = cleaned.get(name)
            if value in seen:
                self.add_error(name, _("You gave this date already."))
            elif value:
                seen.append(value)
        self.instance.preferred_dates = [value.isoformat() for value in seen]
        self.instance.kind = self.kind
        on_site = cleaned.get("place", ServiceRequest.Place.ON_SITE) == ServiceRequest.Place.ON_SITE
        if "address" in self.fields and on_site and not cleaned.get("address"):
            self.add_error("address", _("Tell us where the session will be held."))
        if "invoicing" in self.fields:
            method = cleaned.get("invoicing")
            if method == ServiceRequest.Invoicing.EINVOICE:
                for name in ("einvoice_address", "einvoice_operator"):
                    if not cleaned.get(name) and name not in self.errors:
                        self.add_error(name, _("Needed for an e-invoice."))
            elif method == ServiceRequest.Invoicing.POSTAL and not cleaned.get("postal_address"):
                self.add_error("postal_address", _("Needed for a paper invoice."))
        return super().clean()


def _when(legend):
    return (legend, ("date_1", "date_2", "date_3", "time_preference", "place", "address"))


class TalkRequestForm(RequestForm):
    kind = ServiceRequest.Kind.TALKS

    class Meta(RequestForm.Meta):
        fields = [*RequestForm.Meta.fields, "topic", "occasion"]
        labels = {
            **RequestForm.Meta.labels,
            "topic": _("Topic"),
            "occasion": _("Occasion"),
            "group_size": _("Size of the audience"),
        }
        help_texts = {
            **RequestForm.Meta.help_texts,
            "occasion": _("For example: a development day, the opening of a workshop, a wellbeing day."),
            "message": _("What would you like the audience to take home? How long should the talk be?"),
        }

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"] = forms.ChoiceField(
            label=_("Topic"),
            choices=[
                ("", _("Choose a topic")),
                *((t, t) for t in topics),
                (_("To be agreed"), _("To be agreed")),
            ],
        )
        self.order_fields(
            [name for _legend, names in self.sections for name in names] + ["website", "form_started"]
        )

    @property
    def sections(self):
        return (
            self.organisation,
            (_("The talk"), ("topic", "occasion", "group_size")),
            _when(_("When and where")),
            self.invoicing_section,
            (_("Anything else"), ("message",)),
        )


class SoundRelaxationRequestForm(RequestForm):
    kind = ServiceRequest.Kind.SOUND_RELAXATION
    required_fields = ("group_size", "address")

    class Meta(RequestForm.Meta):
        fields = [*RequestForm.Meta.fields, "occasion"]
        labels = {
            **RequestForm.Meta.labels,
            "occasion": _("Occasion"),
            "group_size": _("Number of participants"),
        }
        help_texts = {
            **RequestForm.Meta.help_texts,
            "occasion": _("For example: a wellbeing day (TYHY/TYKY), a workshop, a kick-off."),
            "address": _("The relaxation is held at your premises. Street address and town."),
            "message": _(
                "The room, mats or chairs, parking, accessibility. Please do not send health information "
                "about participants in this form."
            ),
        }

    sections = (
        RequestForm.organisation,
        (_("The session"), ("occasion", "group_size")),
        (_("When and where"), ("date_1", "date_2", "date_3", "time_preference", "address")),
        RequestForm.invoicing_section,
        (_("Anything else"), ("message",)),
    )

    def clean(self):
        self.instance.place = ServiceRequest.Place.ON_SITE
        return super().clean()


class SupervisionRequestForm(RequestForm):
    kind = ServiceRequest.Kind.SUPERVISION

    class Meta(RequestForm.Meta):
        labels = {**RequestForm.Meta.labels, "group_size": _("Size of the group")}
        help_texts = {
            **RequestForm.Meta.help_texts,
            "message": _(
                "Your field of work, what you hope supervision brings, how many sessions you have in mind."
            ),
        }

    sections = (
        RequestForm.organisation,
        (_("The group"), ("group_size",)),
        _when(_("The first session")),
        RequestForm.invoicing_section,
        (_("Anything else"), ("message",)),
    )


class MediationRequestForm(RequestForm):
    kind = ServiceRequest.Kind.MEDIATION
    notice = _(
        "Please do not describe the conflict or name the people involved in this form. We only need what it "
        "takes to plan the start; the situation itself is talked through confidentially in the first meeting."
    )

    class Meta(RequestForm.Meta):
        fields = [*RequestForm.Meta.fields, "contact_role"]
        labels = {
            **RequestForm.Meta.labels,
            "contact_name": _("Who commissions the mediation"),
            "contact_role": _("Your role"),
            "group_size": _("How many people are involved?"),
            "message": _("Practical details"),
        }
        help_texts = {
            **RequestForm.Meta.help_texts,
            "contact_name": _("The contact person of the employer that commissions the mediation."),
            "contact_role": _("For example: HR manager, head of unit."),
            "group_size": _("A number is enough: no names."),
            "message": _("Only practical matters, such as schedules or premises. Not the conflict itself."),
        }

    sections = (
        (
            _("Who commissions the mediation"),
            ("organisation_name", "business_id", "contact_name", "contact_role", "email", "phone"),
        ),
        (_("Planning"), ("group_size",)),
        _when(_("A first meeting with you")),
        (_("Anything else"), ("message",)),
    )


FORMS: dict[str, type[RequestForm]] = {
    ServiceRequest.Kind.SUPERVISION: SupervisionRequestForm,
    ServiceRequest.Kind.MEDIATION: MediationRequestForm,
    ServiceRequest.Kind.TALKS: TalkRequestForm,
    ServiceRequest.Kind.SOUND_RELAXATION: SoundRelaxationRequestForm,
}
