"""A practitioner's places, edited inline on the practitioner's page: each in fi/sv/en."""

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from ..models import Location


class LocationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        online = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("kind") == Location.Kind.ONLINE
        ]
        if len(online) > 1:
            raise forms.ValidationError(
                _("A practitioner has one online place: its text tells how to join every online session.")
            )


class LocationInline(TranslationStackedInline):
    """The practitioner's places, each in fi/sv/en: the practice's room, a client's premises, or
    online (its text says how to join). Confirmations and reminders carry every text here."""

    model = Location
    formset = LocationFormSet
    extra = 0
    fields = [
        "kind",
        "name",
        "address",
        "directions",
        "entry",
        ("step_free_access", "lift", "induction_loop"),
        "parking",
    ]
