"""Spam resistance for public forms without third parties: a honeypot and a minimum fill time.

Mix `SpamGuardMixin` into any public form (before forms.Form / ModelForm):

    class RequestForm(SpamGuardMixin, forms.ModelForm): ...

It adds two fields, rendered like any other (crispy puts the honeypot's `css_classes()`, which
are "hp-field", on its wrapper; a hand-written template does the same):

- a honeypot text field people never see (styled off-screen by `.hp-field`, out of the tab order,
  labelled "leave this field empty"). A bot that fills it gets an error at the field, and the field
  is then shown, so a person whose browser autofilled it can empty it and send again: nothing is
  silently thrown away.
- a signed timestamp (with a random nonce) of when the form was shown. A form sent sooner than
  SPAM_MIN_FILL_SECONDS, later than SPAM_MAX_FORM_AGE_SECONDS, or with a tampered stamp is refused
  with a form error; the re-shown form carries a fresh stamp and keeps everything typed.

`form.submission_key` (valid after is_valid()) is the nonce: unique per shown form, so an action
can use it to make a double-clicked submit idempotent.
"""

import math
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "core.spam.form-started"
HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"


def min_fill_seconds() -> float:
    return getattr(settings, "SPAM_MIN_FILL_SECONDS", 3)


def max_form_age_seconds() -> int:
    return getattr(settings, "SPAM_MAX_FORM_AGE_SECONDS", 24 * 3600)


def stamp(now: float | None = None) -> str:
    """A signed, tamper-proof note of when a form was shown, with a random nonce."""
    # Floored, not rounded: a stamp must never lie in the future, or a zero minimum fill time could
    # still find a quick submission "too fast".
    shown = math.floor((now or time.time()) * 10) / 10
    return signing.dumps({"n": secrets.token_urlsafe(12), "t": shown}, salt=SALT)


def read_stamp(value: str) -> dict | None:
    """The stamp's content, or None when it is missing, tampered with or too old."""
    try:
        data = signing.loads(value or "", salt=SALT, max_age=max_form_age_seconds())
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("t"), int | float) or not data.get("n"):
        return None
    return data


class _HoneypotBoundField(forms.BoundField):
    """Wrapped in `.hp-field` (off-screen); shown once it has an error, so a person can empty it."""

    def css_classes(self, extra_classes=None):
        classes = "hp-field hp-field-shown" if self.errors else "hp-field"
        return super().css_classes(f"{classes} {extra_classes or ''}".strip())


class SpamGuardMixin(forms.Form):
    """Honeypot + minimum fill time for a public form (see the module docstring)."""

    error_messages_spam = {
        "honeypot": _("This field must be left empty. Please empty it and send the form again."),
        "too_fast": _(
            "The form was sent faster than a person can fill it in. Please check your details and send it again."
        ),
        "expired": _(
            "The form was open for a long time or had expired. Please check your details and send it again."
        ),
    }

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        bound_field_class=_HoneypotBoundField,
    )
    form_started = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[STARTED_FIELD].initial = stamp()
        self.submission_key = ""

    def _renew_stamp(self) -> None:
        """The re-shown form gets a fresh stamp, so a person can send it again after checking."""
        self.data = self.data.copy()
        self.data[self.add_prefix(STARTED_FIELD)] = stamp()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            self.add_error(HONEYPOT_FIELD, self.error_messages_spam["honeypot"])
        stamped = read_stamp(cleaned.get(STARTED_FIELD, ""))
        if stamped is None:
            self._renew_stamp()
            raise forms.ValidationError(self.error_messages_spam["expired"], code="expired")
        if time.time() - stamped["t"] < min_fill_seconds():
            self._renew_stamp()
            raise forms.ValidationError(self.error_messages_spam["too_fast"], code="too_fast")
        self.submission_key = stamped["n"]
        return cleaned
