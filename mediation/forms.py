"""Input cleaning for the party and contact pages and the mediator's admin views. No writes here."""

import base64
import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.fi import ytunnus

from bookings.models import Practitioner
from core.formats import format_when
from core.widgets import IsoSplitDateTime

from .models import CheckIn, Intake, MediationCase, StageDocument

ANSWER_MAX = 5000


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I have read how the mediation works. I take part voluntarily and I know I can stop at any time."
        ),
        error_messages={"required": _("Please tick the box to give your consent, or contact the mediator.")},
    )


class IntakeForm(forms.ModelForm):
    """Every answer is optional."""

    class Meta:
        model = Intake
        fields = Intake.ANSWER_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 5, "maxlength": ANSWER_MAX}) for name in Intake.ANSWER_FIELDS
        }
        help_texts = {
            "situation": _("What has happened, as you see it."),
            "effects": _("For example on your wellbeing, your work or your relationships at work."),
            "hopes": _("What would be a good outcome for you?"),
            "safety": _("For example breaks, where you sit, or how things are said."),
            "availability": _("Days or times that usually suit you, or do not."),
            "other": _("Anything else you would like the mediator to know before you meet."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.max_length = ANSWER_MAX
            field.validators.append(_max_length)


def _max_length(value: str) -> None:
    if value and len(value) > ANSWER_MAX:
        raise ValidationError(
            _("Please keep this answer under %(max)s characters (now %(length)s)."),
            params={"max": ANSWER_MAX, "length": len(value)},
        )


class TimesForm(forms.Form):
    """One group of checkboxes per meeting the party may mark times for."""

    def __init__(self, *args, open_meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_meetings = open_meetings
        for item in open_meetings:
            self.fields[f"meeting_{item.meeting.pk}"] = forms.TypedMultipleChoiceField(
                label=item.meeting.get_kind_display(),
                choices=[(p.pk, format_when(p.start, p.end)) for p in item.proposals],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=sorted(item.chosen),
                help_text=_("Tick every time that suits you."),
            )

    def marks(self) -> dict[int, set[int]]:
        return {
            item.meeting.pk: set(self.cleaned_data[f"meeting_{item.meeting.pk}"])
            for item in self.open_meetings
        }


class AgreementConfirmForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I have read the agreement and commit to what it says."),
        error_messages={"required": _("Please tick the box to confirm the agreement.")},
    )


class CheckInForm(forms.ModelForm):
    class Meta:
        model = CheckIn
        fields = ["holding", "changed", "wants_meeting"]
        widgets = {
            "holding": forms.Textarea(attrs={"rows": 4, "maxlength": ANSWER_MAX}),
            "changed": forms.Textarea(attrs={"rows": 4, "maxlength": ANSWER_MAX}),
            "wants_meeting": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["holding"].validators.append(_max_length)
        self.fields["changed"].validators.append(_max_length)
        self.fields["wants_meeting"].choices = list(CheckIn.Need.choices)


class CommissionConfirmForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    accept = forms.BooleanField(
        label=_("I confirm the commissioning agreement on behalf of the organisation."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )


# --- the mediator's admin views ------------------------------------------------------------------


class CaseAdminForm(forms.ModelForm):
    class Meta:
        model = MediationCase
        fields = [
            "title",
            "mediator",
            "organisation_name",
            "business_id",
            "einvoice_address",
            "einvoice_operator",
            "postal_address",
            "invoice_reference",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_language",
            "commission_terms",
            "price",
            "vat_rate",
            "checkin_after_days",
            "followup_meeting_after_days",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "organisation_name" in self.fields:
            self.fields["organisation_name"].required = True

    def clean_business_id(self):
        value = self.cleaned_data.get("business_id", "").strip()
        if value and not ytunnus.is_valid(value):
            raise ValidationError(_("This is not a valid business ID (Y-tunnus), e.g. 1234567-1."))
        return ytunnus.format(value) if value else value


class StageMoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("forward", "forward"), ("back", "back")], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Note (a reason is required when moving back)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How the case ends"),
        choices=[
            (MediationCase.Status.CLOSED, _("Closed")),
            (MediationCase.Status.WITHDRAWN, _("Withdrawn")),
        ],
        widget=forms.RadioSelect,
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=MediationCase.Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ProposeTimesForm(forms.Form):
    """Times offered from the mediator's free calendar, plus another date and time chosen."""

    extra = forms.SplitDateTimeField(label=_("Or another time"), required=False, widget=IsoSplitDateTime)

    def __init__(self, *args, free=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts"] = forms.TypedMultipleChoiceField(
            label=_("Free times in your calendar"),
            choices=[(slot.start.isoformat(), format_when(slot.start, slot.end)) for slot in free],
            coerce=dt.datetime.fromisoformat,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def chosen(self) -> list[dt.datetime]:
        starts = list(self.cleaned_data.get("starts") or [])
        if self.cleaned_data.get("extra"):
            starts.append(self.cleaned_data["extra"])
        return starts


class DocumentForm(forms.ModelForm):
    upload = forms.FileField(label=_("File"), required=False)

    class Meta:
        model = StageDocument
        fields = ["stage"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            if self.instance.pk is None:
                raise ValidationError(_("Choose a file."))
            return None
        if upload.size > StageDocument.MAX_BYTES:
            raise ValidationError(_("The file is too large (at most 2 MB)."))
        # The file goes into the instance (encrypted when saved), as the model's own fields.
        self.instance.name = upload.name[:200]
        self.instance.content_type = (upload.content_type or "application/octet-stream")[:100]
        self.instance.size = upload.size
        self.instance.data = base64.b64encode(upload.read()).decode()
        return upload


class ReassignForm(forms.Form):
    """A superuser gives a case to another mediator; the reason is recorded and sent to both."""

    mediator = forms.ModelChoiceField(label=_("New mediator"), queryset=Practitioner.objects.none())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text=_("Recorded with your name, and sent to both mediators. At most 1000 characters."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mediator"].queryset = (
            Practitioner.objects.filter(is_active=True, user__is_active=True, user__is_staff=True)
            .exclude(pk=case.mediator_id)
            .order_by("display_name")
        )
