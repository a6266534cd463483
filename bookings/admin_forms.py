"""Forms of the practitioner's workspace in admin: input cleaning only, no writes."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device


class SignInForm(AdminAuthenticationForm):
    """Username, password and, for anyone with an authenticator, its code or a backup code.

    A wrong code counts as a failed sign-in for the lockout, like a wrong password.
    """

    otp_token = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_required": _("Enter the code from your authenticator app (or a backup code)."),
        "otp_invalid": _("The code is not valid. Check the time on your phone or use a backup code."),
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None or not user_has_device(user):
            # No authenticator yet: with ADMIN_REQUIRE_2FA the site sends them to set one up, and nowhere else.
            return cleaned
        token = "".join(cleaned.get("otp_token", "").split())
        if not token:
            raise forms.ValidationError(self.error_messages["otp_required"], code="otp_required")
        device = match_token(user, token)
        if device is None:
            user_login_failed.send(
                sender=__name__, credentials={"username": user.get_username()}, request=self.request
            )
            raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
        user.otp_device = device  # django_otp marks the session verified when the user is logged in
        return cleaned


class TokenForm(forms.Form):
    """The six digits from the authenticator app, to confirm it was set up right."""

    token = forms.RegexField(
        label=_("Code from the app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": _("Enter the six digits the app shows.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())
