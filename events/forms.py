"""Input of the event pages: booking seats (with the health self-declaration), joining the
waitlist, claiming an offer, giving seats back. Cleaning only: nothing here writes."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from bookings.forms import ContactForm, phone_field
from core.spam import SpamGuardMixin

from .models import Event, HealthCondition, health_answers

CONSENT_NEEDED = _(
    "To send us health information, tick your consent here. You can also leave the questions "
    "empty and tell the practitioner in person."
)


def seat_choices(most: int) -> list[tuple[int, str]]:
    return [
        (n, ngettext_lazy("%(count)d seat", "%(count)d seats", n) % {"count": n}) for n in range(1, most + 1)
    ]


class SeatsField(forms.TypedChoiceField):
    def __init__(self, most: int, **kwargs):
        super().__init__(choices=seat_choices(most), coerce=int, **kwargs)


class HealthMixin(forms.Form):
    """The sound relaxation self-declaration: only what applies, only with explicit consent.

    Health data (GDPR art. 9): the questions are optional; anything declared is stored encrypted
    and only when the consent box is ticked, and purged after the event."""

    conditions = forms.MultipleChoiceField(
        label=_("Does any of these apply to you (or to someone you book for)?"),
        help_text=_("Tick what applies; leave empty if none does."),
        choices=HealthCondition.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other = forms.CharField(
        label=_("Anything else the practitioner should know (optional)"),
        help_text=_("For example sensitivity to sound, or a condition that affects lying down."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I consent to the practitioner processing the health information I give here, only to "
            "run this session safely. It is deleted after the event."
        ),
        required=False,
    )

    def drop_health(self) -> None:
        for name in ("conditions", "other", "consent"):
            del self.fields[name]

    def clean(self):
        data = super().clean()
        declared = data.get("conditions") or (data.get("other") or "").strip()
        if "consent" in self.fields and declared and not data.get("consent"):
            self.add_error("consent", CONSENT_NEEDED)
        return data

    def health(self) -> str:
        """The declaration as stored ("" when nothing was declared or not asked)."""
        if "consent" not in self.fields or not self.cleaned_data.get("consent"):
            return ""
        return health_answers(self.cleaned_data.get("conditions") or [], self.cleaned_data.get("other") or "")


class SeatForm(SpamGuardMixin, HealthMixin, ContactForm):
    """Booking seats of an event."""

    field_order = ["name", "email", "phone", "seats", "conditions", "other", "consent"]

    def __init__(self, *args, event: Event, most: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["seats"] = SeatsField(most or event.max_seats_per_booking, label=_("Seats"))
        self.order_fields(self.field_order)
        if not event.asks_health_declaration:
            self.drop_health()


class WaitlistForm(SpamGuardMixin, forms.Form):
    """Joining an event's waitlist (prefixed: it shares the page with the seat form)."""

    prefix = "waitlist"

    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("When seats free up, the offer comes to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seats"] = SeatsField(event.max_seats_per_booking, label=_("Seats wanted"))

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class OfferForm(HealthMixin):
    """Claiming seats offered from the waitlist (the link is the proof of who it is)."""

    phone = phone_field()

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        if not event.asks_health_declaration:
            self.drop_health()


class GiveBackForm(forms.Form):
    """How many of one's seats to cancel."""

    def __init__(self, *args, seats: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seats"] = SeatsField(seats, label=_("Seats to cancel"), initial=seats)
