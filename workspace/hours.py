"""A practitioner's working hours as a weekly grid with date exceptions and time off.

POST → form → one action → redirect; domain errors become messages or field errors."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.forms import modelformset_factory
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bookings.access import practitioner_of
from bookings.actions.hours import hours_replace, time_off_add, time_off_remove
from bookings.admin.calendar import TimeOffForm
from bookings.exceptions import SlotTaken
from bookings.models import DateException, Practitioner, TimeOff
from core.formats import format_date, format_when
from core.time import day_start, local, local_datetime
from core.widgets import IsoDateInput, IsoTimeInput

from .calendar import require, today
from .forms import DateExceptionForm, HoursGridForm


def hours_choose(request, *, site):
    """The practitioners whose hours can be edited; with one, straight to their grid."""
    require(request, "bookings.change_weeklyhours")
    practitioners = list(Practitioner.objects.filter(is_active=True).order_by("display_name"))
    own = next((p for p in practitioners if p == practitioner_of(request.user)), None)
    if own is not None or len(practitioners) == 1:
        return redirect("admin:workspace_hours_grid", (own or practitioners[0]).pk)
    return TemplateResponse(
        request,
        "workspace/hours_choose.html",
        {**site.each_context(request), "title": _("Working hours"), "practitioners": practitioners},
    )


ExceptionFormSet = modelformset_factory(DateException, form=DateExceptionForm, extra=2, can_delete=True)


def kept_exceptions(formset) -> list[dict]:
    """The date exceptions the grid keeps, as DateException fields (not the rows deleted or left empty)."""
    fields = DateExceptionForm._meta.fields
    return [
        {name: form.cleaned_data[name] for name in fields}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class TimeOffDaysForm(forms.Form):
    """Time off on the weekly grid: from one day until another, both included. Without times the
    days are whole Helsinki days, midnight to midnight local time even when the clocks change."""

    SKIPPED = gettext_lazy("This time does not exist on the day the clocks go forward. Choose another time.")

    first_day = forms.DateField(label=gettext_lazy("From date"), widget=IsoDateInput)
    last_day = forms.DateField(
        label=gettext_lazy("Until date"),
        help_text=gettext_lazy("This day is included."),
        widget=IsoDateInput,
    )
    from_time = forms.TimeField(
        label=gettext_lazy("From time"),
        required=False,
        help_text=gettext_lazy("Empty: from the start of the first day."),
        widget=IsoTimeInput,
    )
    until_time = forms.TimeField(
        label=gettext_lazy("Until time"),
        required=False,
        help_text=gettext_lazy("Empty: until the end of the last day."),
        widget=IsoTimeInput,
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if not (first and last) or "from_time" in self.errors or "until_time" in self.errors:
            return data
        until = data.get("until_time")
        start = local_datetime(first, data.get("from_time") or dt.time(0))
        end = local_datetime(last, until) if until else day_start(last + dt.timedelta(days=1))
        if start is None:
            self.add_error("from_time", self.SKIPPED)
        if end is None:
            self.add_error("until_time", self.SKIPPED)
        if last < first:
            self.add_error("last_day", _("The end must be after the start."))
        elif start and end and start >= end:
            self.add_error("until_time", _("The end must be after the start."))
        if not self.errors:
            data["start"], data["end"] = start, end
        return data


class TimeOffRemoveForm(forms.Form):
    time_off = forms.ModelChoiceField(queryset=TimeOff.objects.none())

    def __init__(self, *args, practitioner: Practitioner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_off"].queryset = TimeOff.objects.filter(practitioner=practitioner).select_related(
            "block"
        )


def time_off_label(time_off: TimeOff) -> str:
    """Whole days as days (`ma 29.3.2027 – ti 30.3.2027`, the last day included), else the times."""
    start, end = local(time_off.start), local(time_off.end)
    if start.time() != dt.time(0) or end.time() != dt.time(0):
        return format_when(time_off.start, time_off.end)
    last = end.date() - dt.timedelta(days=1)
    if last == start.date():
        return format_date(start)
    return f"{format_date(start)} – {format_date(last)}"


def _time_off_add(request, practitioner: Practitioner, form: TimeOffDaysForm) -> bool:
    """The add form's POST: True once the time off is taken, else the form carries the errors."""
    require(request, "bookings.add_timeoff")
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        time_off = time_off_add(
            practitioner=practitioner, start=data["start"], end=data["end"], reason=data["reason"]
        )
    except SlotTaken:
        form.add_error(None, TimeOffForm.OVERLAP)
        return False
    messages.success(request, _("Time off added: %(when)s.") % {"when": time_off_label(time_off)})
    return True


def _time_off_remove(request, practitioner: Practitioner):
    require(request, "bookings.delete_timeoff")
    form = TimeOffRemoveForm(request.POST, practitioner=practitioner)
    if form.is_valid():
        time_off = form.cleaned_data["time_off"]
        time_off_remove(time_off=time_off)
        messages.success(
            request,
            _("Time off removed: %(when)s. Its time is free again.") % {"when": time_off_label(time_off)},
        )
    else:
        messages.error(request, _("This time off was removed already."))
    return redirect("admin:workspace_hours_grid", practitioner.pk)


@require_http_methods(["GET", "POST"])
def hours_grid(request, pk: int, *, site):
    """The week as a grid (a few ranges a day, each for in person, online or both), the coming
    date exceptions (extra hours, also on a holiday, or closed) and the coming time off, added and
    removed in place. Each of the page's forms posts here with its own `do`; the others stay as saved."""
    require(request, "bookings.change_weeklyhours")
    practitioner = get_object_or_404(Practitioner, pk=pk)
    posted = request.POST.get("do", "hours") if request.method == "POST" else None
    if posted == "time_off_remove":
        return _time_off_remove(request, practitioner)
    time_off_form = TimeOffDaysForm(request.POST if posted == "time_off_add" else None, prefix="time_off")
    if posted == "time_off_add" and _time_off_add(request, practitioner, time_off_form):
        return redirect("admin:workspace_hours_grid", practitioner.pk)
    rows = list(practitioner.weekly_hours.order_by("weekday", "start_time"))
    most = max((sum(1 for r in rows if r.weekday == d) for d in range(7)), default=0)
    per_day = max(2, most + 1)
    upcoming = DateException.objects.filter(practitioner=practitioner, date__gte=today()).order_by(
        "date", "start_time"
    )
    if posted == "hours":
        grid = HoursGridForm(request.POST, ranges_per_day=per_day)
        exceptions = ExceptionFormSet(request.POST, queryset=upcoming, prefix="exceptions")
        if grid.is_valid() and exceptions.is_valid():
            hours_replace(
                practitioner=practitioner,
                ranges=grid.ranges,
                exceptions=kept_exceptions(exceptions),
                today=today(),
            )
            messages.success(
                request, _("Working hours of %(name)s saved.") % {"name": practitioner.display_name}
            )
            return redirect("admin:workspace_hours_grid", practitioner.pk)
    else:
        grid = HoursGridForm(initial=HoursGridForm.initial_for(rows, per_day), ranges_per_day=per_day)
        exceptions = ExceptionFormSet(queryset=upcoming, prefix="exceptions")
    time_off = [
        (t, time_off_label(t))
        for t in TimeOff.objects.filter(practitioner=practitioner, end__gte=timezone.now()).order_by("start")
    ]
    invalid = posted is not None
    return TemplateResponse(
        request,
        "workspace/hours.html",
        {
            **site.each_context(request),
            "title": _("Working hours of %(name)s") % {"name": practitioner.display_name},
            "practitioner": practitioner,
            "grid": grid,
            "exceptions": exceptions,
            "time_off": time_off,
            "time_off_form": time_off_form,
            "has_errors": invalid,
        },
        status=400 if invalid else 200,
    )
