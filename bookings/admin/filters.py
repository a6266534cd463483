"""List filters of the bookings in the workspace."""

import datetime as dt

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.time import day_start
from core.widgets import IsoDateInput


class DateRangeForm(forms.Form):
    """From and until (both days included, either may be left out) for the bookings list."""

    start_from = forms.DateField(label=_("From"), required=False, widget=IsoDateInput)
    start_until = forms.DateField(label=_("Until"), required=False, widget=IsoDateInput)

    def clean(self):
        data = super().clean()
        first, last = data.get("start_from"), data.get("start_until")
        if first and last and first > last:
            self.add_error("start_until", _("The end of the range must not be before its start."))
        return data


class StartDateRangeFilter(admin.ListFilter):
    """Bookings starting from one day until another (Helsinki days, both included), as a small
    form in the filter sidebar; a bad date is shown at its field and filters nothing."""

    title = _("date range")
    template = "bookings/admin/date_range_filter.html"
    parameters = ("start_from", "start_until")

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        for name in self.parameters:
            if name in params:
                self.used_parameters[name] = params.pop(name)[-1]
        self.form = DateRangeForm(self.used_parameters or None)

    def has_output(self):
        return True

    def expected_parameters(self):
        return list(self.parameters)

    def queryset(self, request, queryset):
        if not self.form.is_bound or not self.form.is_valid():
            return queryset
        first, last = self.form.cleaned_data["start_from"], self.form.cleaned_data["start_until"]
        if first:
            queryset = queryset.filter(start__gte=day_start(first))
        if last:
            queryset = queryset.filter(start__lt=day_start(last + dt.timedelta(days=1)))
        return queryset

    def choices(self, changelist):
        yield {
            "form": self.form,
            "hidden": sorted(
                (name, value) for name, value in changelist.params.items() if name not in self.parameters
            ),
            "clear_url": changelist.get_query_string(remove=list(self.parameters)),
            "active": bool(self.used_parameters),
        }
