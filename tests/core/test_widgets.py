"""Every date and time input of every form shows a saved value as ISO and reads ISO back.

A browser's `<input type="date">` shows `2026-12-06` and nothing else: a value in Finnish format
(`06.12.2026`) comes out as an empty field, and saving the form then fails with "this field is
required" (the weekly hours page with a date exception did exactly that). The forms are found, not
listed: every form class of our apps, every admin change form and inline, and the hours grid's
fields, which are made when the form is.
"""

import datetime as dt
import re
from importlib import import_module

import pytest
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from core.time import HELSINKI
from workspace.forms import HoursGridForm

OUR_APPS = {
    "api", "bookings", "calendar_sync", "core", "events", "invoicing", "mediation", "notifications",
    "practice", "privacy", "series", "services", "workspace",
}  # fmt: skip
DAY = dt.date(2026, 12, 6)
TIME = dt.time(14, 0)
INSTANT = dt.datetime.combine(DAY, TIME, tzinfo=HELSINKI)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _our_form_classes():
    import_module(settings.ROOT_URLCONF)  # the views, and with them every form, are imported
    # Model forms of admin modules are walked as admin makes them (with admin's widgets), below.
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in OUR_APPS
        and not (issubclass(cls, forms.ModelForm) and ".admin" in cls.__module__)
    }
    # In a stable order: pytest-xdist's workers must collect the same parameters.
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))


def _admin_forms():
    """(name, form class) of every admin change form and every inline's form, as a superuser sees them."""
    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_staff=True, is_active=True)
    for model, model_admin in admin.site._registry.items():
        yield model.__name__, model_admin.get_form(request, None)
        for inline in model_admin.get_inline_instances(request, None) or [
            inline_class(model, admin.site) for inline_class in model_admin.inlines
        ]:
            yield f"{model.__name__} / {type(inline).__name__}", inline.get_formset(request, None).form


def _date_and_time_fields():
    found = [(f"{cls.__module__}.{cls.__name__}", cls.base_fields) for cls in _our_form_classes()]
    found += [(f"admin {name}", form.base_fields) for name, form in _admin_forms()]
    found.append(("HoursGridForm", HoursGridForm(ranges_per_day=1).fields))
    return [
        (f"{owner}.{name}", field)
        for owner, fields in found
        for name, field in fields.items()
        if isinstance(
            field, forms.DateField | forms.TimeField | forms.DateTimeField | forms.SplitDateTimeField
        )
        and not field.widget.is_hidden
    ]


def _inputs(html: str) -> dict[str, str]:
    """{type: value} of the inputs in a widget's HTML."""
    return {
        re.search(r'type="(\w+)"', tag)[1]: (re.search(r'value="([^"]*)"', tag) or [None, ""])[1]
        for tag in re.findall(r"<input[^>]*>", html)
    }


FIELDS = _date_and_time_fields()


def test_the_walk_finds_the_forms_that_once_showed_dates_blank():
    names = {name for name, _field in FIELDS}
    for expected in (
        "workspace.forms.DateExceptionForm.date",
        "workspace.forms.ExportForm.first_day",
        "workspace.forms.SlotSearchForm.day",
        "workspace.hours.TimeOffDaysForm.from_time",
        "services.forms.RequestForm.date_1",
        "HoursGridForm.d0_0_start",
        "admin TimeOff.start",
        "bookings.admin.filters.DateRangeForm.start_from",
        "admin Agreement / CommitmentInline.due_date",
    ):
        assert expected in names
    assert len(FIELDS) > 30


@pytest.mark.parametrize(("name", "field"), FIELDS, ids=[name for name, _f in FIELDS])
def test_every_date_and_time_input_shows_and_reads_iso(name, field):
    if isinstance(field, forms.SplitDateTimeField):
        value, shown, typed = INSTANT, {"date": "2026-12-06", "time": "14:00"}, ["2026-12-06", "14:00"]
    elif isinstance(field, forms.DateTimeField):
        pytest.fail(f"{name}: a date and time in one input; use a date input and a time input")
    elif isinstance(field, forms.DateField):
        value, shown, typed = DAY, {"date": "2026-12-06"}, "2026-12-06"
    else:
        value, shown, typed = TIME, {"time": "14:00"}, "14:00"
    assert _inputs(field.widget.render("x", field.prepare_value(value))) == shown
    assert field.clean(typed) == value
