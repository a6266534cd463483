"""Forms of the privacy requests in admin: whose data, and a typed confirmation before erasing."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PersonForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the person"),
        max_length=254,
        help_text=_("Everything stored with this address, in any letter case, is found."),
    )


class EraseForm(PersonForm):
    confirm = forms.EmailField(
        label=_("Type the address again to confirm"),
        max_length=254,
        help_text=_("Erasing cannot be undone. Bookings stay as anonymous times for the accounts."),
    )

    def clean(self):
        cleaned = super().clean()
        email, confirm = cleaned.get("email"), cleaned.get("confirm")
        if email and confirm and email.strip().lower() != confirm.strip().lower():
            self.add_error("confirm", _("The addresses differ."))
        return cleaned
