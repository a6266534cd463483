"""Export of bookings and event seats for invoicing (a date range, CSV or XLSX), in admin."""

import datetime as dt

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import exports
from ..admin_forms import ExportForm
from .views import require, today

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_view(request, *, site):
    """GET with a range downloads the file; without one, the form (this month filled in)."""
    require(request, "bookings.view_booking")
    first = today().replace(day=1)
    initial = {
        "first_day": first,
        "last_day": (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1),
        "format": "xlsx",
    }
    form = ExportForm(request.GET if "first_day" in request.GET else None, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        rows = exports.rows_between(
            data["first_day"],
            data["last_day"],
            practitioner=data["practitioner"],
            include_cancelled=data["include_cancelled"],
        )
        kind = data["format"]
        content = exports.as_csv(rows) if kind == "csv" else exports.as_xlsx(rows)
        response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
        name = f"bookings-{data['first_day']:%Y-%m-%d}-{data['last_day']:%Y-%m-%d}.{kind}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return TemplateResponse(
        request,
        "bookings/admin/export.html",
        {**site.each_context(request), "title": _("Export for invoicing"), "form": form},
        status=400 if form.is_bound else 200,
    )
