"""Forms of the practitioner's workspace in admin: input cleaning only, no writes."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_otp import match_token, user_has_device

from bookings.models import DateException, Modality, Practitioner, SessionType, WeeklyHours
from core.formats import format_time
from core.widgets import IsoDateInput, IsoTimeInput


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


class DecisionForm(forms.Form):
    """Confirm or decline one waiting request ("booking:12" or "request:5")."""

    item = forms.RegexField(regex=r"^(booking|request):\d+$", widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[
            ("confirm", pgettext_lazy("decision", "Confirm")),
            ("decline", pgettext_lazy("decision", "Decline")),
        ]
    )
    reason = forms.CharField(
        label=_("Reason for declining (sent to the client)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label=_("Message with the confirmation (optional, sent to the organisation)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def target(self) -> tuple[str, int]:
        kind, pk = self.cleaned_data["item"].split(":")
        return kind, int(pk)


class SlotSearchForm(forms.Form):
    """What to book and on which day: the free times of that day are shown to choose from."""

    session_type = forms.ModelChoiceField(label=_("Session type"), queryset=None)
    modality = forms.ChoiceField(label=_("Way of meeting"), choices=Modality.choices)
    day = forms.DateField(label=_("Day"), widget=IsoDateInput)
    ignore_notice = forms.BooleanField(
        label=_("Override the minimum notice"),
        help_text=_("Also offer times sooner than the session type's minimum notice allows."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session_type"].queryset = SessionType.objects.filter(is_active=True).order_by(
            "position", "pk"
        )

    def clean(self):
        data = super().clean()
        session_type, modality = data.get("session_type"), data.get("modality")
        if session_type and modality and modality not in session_type.modality_list:
            self.add_error("modality", _("This session type is not offered this way."))
        return data


class OnBehalfForm(SlotSearchForm):
    """A free time of the day and the client's language; the client's details are a DetailsForm."""

    start = forms.ChoiceField(
        label=_("Time"), widget=forms.RadioSelect, error_messages={"required": _("Choose a time.")}
    )
    language = forms.ChoiceField(label=_("Language of the client's messages"), choices=settings.LANGUAGES)
    submission_key = forms.RegexField(regex=r"^[A-Za-z0-9_-]{16,64}$", widget=forms.HiddenInput)

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = [(s.start.isoformat(), format_time(s.start)) for s in slots]

    def clean_start(self):
        return dt.datetime.fromisoformat(self.cleaned_data["start"])


class HoursGridForm(forms.Form):
    """A practitioner's week as a grid: each weekday has a few ranges of from, until and modalities."""

    def __init__(self, *args, ranges_per_day: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.ranges_per_day = ranges_per_day
        for weekday, name in WeeklyHours.Weekday.choices:
            for n in range(ranges_per_day):
                prefix = f"d{weekday}_{n}"
                label = _("%(day)s, range %(n)s") % {"day": name, "n": n + 1}
                self.fields[f"{prefix}_start"] = forms.TimeField(
                    label=_("%(range)s: from") % {"range": label},
                    required=False,
                    widget=IsoTimeInput,
                )
                self.fields[f"{prefix}_end"] = forms.TimeField(
                    label=_("%(range)s: until") % {"range": label},
                    required=False,
                    widget=IsoTimeInput,
                )
                self.fields[f"{prefix}_in_person"] = forms.BooleanField(
                    label=_("%(range)s: in person") % {"range": label}, required=False
                )
                self.fields[f"{prefix}_online"] = forms.BooleanField(
                    label=_("%(range)s: online") % {"range": label}, required=False
                )

    @staticmethod
    def initial_for(rows, ranges_per_day: int) -> dict:
        initial, seen = {}, {}
        for row in rows:
            n = seen.get(row.weekday, 0)
            seen[row.weekday] = n + 1
            prefix = f"d{row.weekday}_{n}"
            initial.update(
                {
                    f"{prefix}_start": row.start_time,
                    f"{prefix}_end": row.end_time,
                    f"{prefix}_in_person": row.in_person,
                    f"{prefix}_online": row.online,
                }
            )
        for weekday in range(7):
            for n in range(seen.get(weekday, 0), ranges_per_day):
                initial.update({f"d{weekday}_{n}_in_person": True, f"d{weekday}_{n}_online": True})
        return initial

    def rows(self):
        """The grid as a table: [(weekday label, [(start, end, in person, online) bound fields])]."""
        return [
            (
                name,
                [
                    tuple(self[f"d{weekday}_{n}_{part}"] for part in ("start", "end", "in_person", "online"))
                    for n in range(self.ranges_per_day)
                ],
            )
            for weekday, name in WeeklyHours.Weekday.choices
        ]

    def clean(self):
        data = super().clean()
        self.ranges = []
        for weekday, _name in WeeklyHours.Weekday.choices:
            day = []
            for n in range(self.ranges_per_day):
                prefix = f"d{weekday}_{n}"
                start, end = data.get(f"{prefix}_start"), data.get(f"{prefix}_end")
                if f"{prefix}_start" in self.errors or f"{prefix}_end" in self.errors:
                    continue
                if start is None and end is None:
                    continue
                if start is None or end is None:
                    missing = f"{prefix}_start" if start is None else f"{prefix}_end"
                    self.add_error(missing, _("Give both the start and the end, or neither."))
                    continue
                if start >= end:
                    self.add_error(f"{prefix}_end", _("The end must be after the start."))
                    continue
                in_person, online = data.get(f"{prefix}_in_person"), data.get(f"{prefix}_online")
                if not (in_person or online):
                    self.add_error(f"{prefix}_in_person", _("Tick in person, online or both."))
                    continue
                if any(start < e and s < end for s, e, *_rest in day):
                    self.add_error(f"{prefix}_start", _("This overlaps another range of the same day."))
                    continue
                day.append((start, end, in_person, online))
            self.ranges += [(weekday, *r) for r in day]
        return data


class DateExceptionForm(forms.ModelForm):
    class Meta:
        model = DateException
        fields = ["date", "kind", "start_time", "end_time", "in_person", "online", "note"]
        widgets = {
            "date": IsoDateInput,
            "start_time": IsoTimeInput,
            "end_time": IsoTimeInput,
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if data.get("kind") == DateException.Kind.OPEN and not (start and end):
            self.add_error("start_time", _("Extra hours need a start and an end."))
        elif bool(start) != bool(end):
            self.add_error(
                "end_time", _("Give both the start and the end, or neither (closes the whole day).")
            )
        elif start and end and start >= end:
            self.add_error("end_time", _("The end must be after the start."))
        return data


class ExportForm(forms.Form):
    """A date range (both days included) and a format."""

    first_day = forms.DateField(label=_("From"), widget=IsoDateInput)
    last_day = forms.DateField(label=_("Until"), widget=IsoDateInput)
    practitioner = forms.ModelChoiceField(
        label=_("Practitioner"), queryset=None, required=False, empty_label=_("Everyone")
    )
    include_cancelled = forms.BooleanField(
        label=_("Include cancelled and declined bookings and cancelled seats"), required=False
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("xlsx", _("Excel (XLSX)")), ("csv", _("CSV (Finnish Excel: semicolons, UTF-8)"))],
        widget=forms.RadioSelect,
        initial="xlsx",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practitioner"].queryset = Practitioner.objects.order_by("display_name")

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and first > last:
            self.add_error("last_day", _("The end of the range must not be before its start."))
        elif first and last and (last - first).days > 3 * 366:
            self.add_error("last_day", _("Export at most three years at a time."))
        return data


class BookingNoteForm(forms.Form):
    """The practitioner's internal note of one booking, edited in place on the agenda."""

    booking = forms.IntegerField(widget=forms.HiddenInput)
    internal_note = forms.CharField(
        label=_("Internal note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
