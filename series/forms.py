"""Input of the series pages: the plan (type, way of meeting, first date, time, cadence, number of
sessions or chosen dates), the organisation's details for the agreement, managing a series, and
confirming the agreement. Cleaning only: nothing here writes."""

import datetime as dt
import re
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bookings.forms import DetailsEntryForm
from bookings.models import Modality, ServiceKind, SessionType
from core.formats import iso_time, numeric_when
from core.time import HELSINKI, local_datetime
from core.widgets import IsoDateInput, IsoTimeInput

from .models import Cadence
from .selectors import series_starts

MIN_SESSIONS, MAX_SESSIONS = 2, 24
_LINE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:klo\s+|kl\.\s*)?(\d{1,2})[.:](\d{2}))?\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?\s*$")


def _today() -> dt.date:
    return timezone.now().astimezone(HELSINKI).date()


def _too_far(day: dt.date) -> bool:
    """Beyond the farthest a series may reach (SERIES_HORIZON_DAYS)."""
    return day > _today() + dt.timedelta(days=settings.SERIES_HORIZON_DAYS)


TOO_FAR = _("That is further ahead than we take bookings.")


def series_types():
    return SessionType.objects.filter(is_active=True, service=ServiceKind.SUPERVISION).order_by(
        "position", "id"
    )


def _parse_line(line: str) -> tuple[dt.date, dt.time | None] | None:
    """`24.11.2026`, `24.11.2026 14.00` or `2026-11-24T14:00` → (date, time or None)."""
    if match := _LINE.match(line):
        day, month, year, hour, minute = match.groups()
    elif match := _ISO.match(line):
        year, month, day, hour, minute = match.groups()
    else:
        return None
    try:
        date = dt.date(int(year), int(month), int(day))
        time = dt.time(int(hour), int(minute)) if hour is not None else None
    except ValueError:
        return None
    return date, time


class PlanForm(forms.Form):
    """The plan of a series, sent with GET (checking changes nothing)."""

    type = forms.ModelChoiceField(
        label=_("Supervision"), queryset=SessionType.objects.none(), to_field_name="slug", empty_label=None
    )
    modality = forms.ChoiceField(
        label=_("Way of meeting"), choices=Modality.choices, widget=forms.RadioSelect
    )
    first = forms.DateField(
        label=_("First session"),
        help_text=_("For example 24.11.2026"),
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        widget=IsoDateInput,
    )
    time = forms.TimeField(
        label=_("Time"),
        help_text=_("The same local time for every session, for example 14.00"),
        input_formats=["%H:%M", "%H.%M"],
        widget=IsoTimeInput(attrs={"step": 900}),
    )
    cadence = forms.ChoiceField(label=_("How often"), choices=Cadence.choices, initial=Cadence.EVERY_3_WEEKS)
    count = forms.IntegerField(
        label=_("Number of sessions"),
        min_value=MIN_SESSIONS,
        max_value=MAX_SESSIONS,
        initial=6,
        required=False,
    )
    dates = forms.CharField(
        label=_("Chosen dates (when “On chosen dates”)"),
        help_text=_(
            "The dates after the first session, one per line, e.g. 15.12.2026. Add a time after the "
            "date (15.12.2026 15.00) when it differs."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = series_types()

    def clean_first(self):
        first = self.cleaned_data["first"]
        if first < _today():
            raise forms.ValidationError(_("The first session can't be in the past."), code="past")
        if _too_far(first):
            raise forms.ValidationError(TOO_FAR, code="far")
        return first

    def clean(self):
        data = super().clean()
        session_type, modality = data.get("type"), data.get("modality")
        if session_type and modality and modality not in session_type.modality_list:
            self.add_error("modality", _("This supervision is not offered this way."))
        first, time, cadence = data.get("first"), data.get("time"), data.get("cadence")
        if not (first and time and cadence) or self.errors:
            return data
        if cadence == Cadence.DATES:
            wanted = [(first, time)]
            for number, line in enumerate((data.get("dates") or "").splitlines(), 1):
                if not line.strip():
                    continue
                parsed = _parse_line(line)
                if parsed is None:
                    self.add_error(
                        "dates",
                        _("Line %(number)d is not a date like 15.12.2026 or 15.12.2026 15.00.")
                        % {"number": number},
                    )
                    return data
                if not first <= parsed[0] or _too_far(parsed[0]):
                    self.add_error(
                        "dates",
                        _("Line %(number)d is before the first session or too far ahead.")
                        % {"number": number},
                    )
                    return data
                wanted.append((parsed[0], parsed[1] or time))
            starts = [local_datetime(day, at) for day, at in wanted]
        else:
            count = data.get("count")
            if not count:
                self.add_error("count", _("Give the number of sessions."))
                return data
            starts = series_starts(first, time, weeks=Cadence(cadence).weeks, count=count)
        if None in starts:
            self.add_error(
                "time", _("This time does not exist on the day the clocks go forward. Choose another time.")
            )
        elif not MIN_SESSIONS <= len(starts) <= MAX_SESSIONS:
            self.add_error(
                "dates",
                _("A series has from %(min)d to %(max)d sessions.")
                % {"min": MIN_SESSIONS, "max": MAX_SESSIONS},
            )
        elif len(set(starts)) != len(starts):
            self.add_error("dates", _("The same date and time is given twice."))
        else:
            data["starts"] = sorted(starts)
        return data

    @staticmethod
    def query(session_type: SessionType, modality: str, starts: list[dt.datetime]) -> str:
        """The query string of a plan on chosen dates (e.g. with the alternatives taken)."""
        local = [s.astimezone(HELSINKI) for s in sorted(starts)]
        return urlencode(
            {
                "type": session_type.slug,
                "modality": modality,
                "first": local[0].date().isoformat(),
                "time": iso_time(local[0].time()),
                "cadence": Cadence.DATES,
                "dates": "\n".join(numeric_when(s) for s in local[1:]),
            }
        )


class SeriesDetailsForm(DetailsEntryForm):
    """The organisation books the series: the booking flow's details (contact person, group size
    within the type's limits, invoicing details with a validated Y-tunnus; an organisation always
    pays here) and what the agreement needs."""

    client_organisation = forms.CharField(
        label=_("Unit or team supervised (optional)"),
        help_text=_("When it differs from the organisation that pays, e.g. “Family services, team 2”."),
        max_length=200,
        required=False,
    )
    participants = forms.CharField(
        label=_("Participants (optional)"),
        help_text=_("Names or roles, one per line. Only what the supervisor needs."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    goals = forms.CharField(
        label=_("Goals of the supervision"),
        help_text=_(
            "What you hope the supervision helps with; we refine them together in the first session."
        ),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    trial_sessions = forms.TypedChoiceField(
        label=_("Trial sessions"),
        help_text=_("Many processes start with 1–3 trial sessions, after which either side may stop."),
        choices=[(0, _("No trial sessions")), (1, "1"), (2, "2"), (3, "3")],
        coerce=int,
        initial=0,
    )
    accept = forms.BooleanField(
        label=_(
            "I book these sessions on behalf of the organisation and accept the cancellation terms above."
        ),
    )

    def __init__(self, *args, session_type: SessionType, **kwargs):
        super().__init__(*args, session_type=session_type, **kwargs)
        self.fields["name"].label = _("Contact person")
        self.fields["organisation_pays"].widget = forms.HiddenInput()
        self.fields["organisation_pays"].initial = True
        for name in ("organisation_name", "business_id"):
            self.fields[name].required = True

    def clean_organisation_pays(self):
        return True  # a series is always invoiced to an organisation


class SeriesMoveForm(forms.Form):
    """Moving a session (and, with `rest`, every later one by the same number of days)."""

    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    date = forms.DateField(
        label=_("New date"),
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        widget=IsoDateInput,
    )
    time = forms.TimeField(
        label=_("New time"),
        input_formats=["%H:%M", "%H.%M"],
        widget=IsoTimeInput(attrs={"step": 900}),
    )
    rest = forms.BooleanField(
        label=_("Move every later session by as many days, to this time"), required=False
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date < _today() or _too_far(date):
            raise forms.ValidationError(
                TOO_FAR if date >= _today() else _("The date is in the past."), code="range"
            )
        return date

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            start = local_datetime(data["date"], data["time"])
            if start is None:
                self.add_error(
                    "time",
                    _("This time does not exist on the day the clocks go forward. Choose another time."),
                )
            else:
                data["start"] = start
        return data


class AgreementConfirmForm(forms.Form):
    confirmed_by = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    confirm = forms.BooleanField(label=_("I confirm this agreement on behalf of the organisation."))
