"""The one pair of date and time inputs of every form: the browser's own pickers, given ISO values.

An `<input type="date">` accepts only `2026-12-06` and `type="time"` only `14:00`; a value in the
page's locale (`6.12.2026`, `14.00`) is shown as an empty field and the form then fails with
"this field is required". Django renders a date in the active language's format unless the widget
names one, so every date and time input in admin, the workspace and the site comes from here.
ISO input is always parsed: Django adds the ISO formats to every language's input formats.
"""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db import models

ISO_DATE = "%Y-%m-%d"
ISO_TIME = "%H:%M"


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)


class IsoTimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_TIME)


class IsoSplitDateTime(AdminSplitDateTime):
    """Admin's date-and-time fields: a labelled date input and time input, both ISO; the instant is
    shown in the current time zone (Helsinki) like Django's own split widget."""

    def __init__(self, attrs=None):
        # MultiWidget's own __init__, as Django's AdminSplitDateTime does, to choose the two inputs.
        forms.MultiWidget.__init__(self, (IsoDateInput, IsoTimeInput), attrs)


# Admin's defaults for model fields (django.contrib.admin.options.FORMFIELD_FOR_DBFIELD_DEFAULTS),
# applied by workspace.site before the ModelAdmins are made.
ADMIN_FIELD_WIDGETS = {
    models.DateField: {"widget": IsoDateInput},
    models.TimeField: {"widget": IsoTimeInput},
    models.DateTimeField: {"form_class": forms.SplitDateTimeField, "widget": IsoSplitDateTime},
}
