"""Bookings for invoicing, as rows and as files: CSV for Finnish Excel (UTF-8 with a BOM, `;`
between fields, decimal commas) and XLSX (openpyxl, real numbers and dates).

Amounts come from the price and VAT rate stored with each booking when it was made.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .actions import price_parts
from .availability import HELSINKI, local_datetime
from .models import Booking, Practitioner

BILLABLE = (
    Booking.Status.CONFIRMED,
    Booking.Status.COMPLETED,
    Booking.Status.NO_SHOW,
    Booking.Status.REQUESTED,
)
MONEY = "#,##0.00"


@dataclass
class Row:
    booking: Booking
    day: dt.date
    start: dt.time
    end: dt.time
    net: Decimal
    vat: Decimal

    def values(self) -> list:
        b = self.booking
        return [
            self.day,
            self.start,
            self.end,
            b.practitioner.display_name,
            b.session_type.get_service_display(),
            b.session_type.name,
            b.client_name,
            b.email,
            b.get_status_display(),
            b.organisation_name,
            b.business_id,
            b.einvoice_address,
            b.einvoice_operator,
            b.postal_address,
            b.invoice_reference,
            self.net,
            b.vat_rate,
            self.vat,
            b.price,
        ]


def headers() -> list[str]:
    return [
        _("Date"),
        _("Start"),
        _("End"),
        _("Practitioner"),
        _("Service"),
        _("Session type"),
        _("Client"),
        _("Email"),
        _("Status"),
        _("Organisation"),
        _("Business ID"),
        _("E-invoice address"),
        _("E-invoice operator"),
        _("Postal address"),
        _("Reference"),
        _("Amount excl. VAT (EUR)"),
        _("VAT rate (%)"),
        _("VAT (EUR)"),
        _("Total (EUR)"),
    ]


def bookings_between(
    first_day: dt.date,
    last_day: dt.date,
    *,
    practitioner: Practitioner | None = None,
    include_cancelled: bool = False,
) -> QuerySet[Booking]:
    """Bookings starting on these Helsinki days (both included), in time order. One query."""
    bookings = Booking.objects.filter(
        start__gte=local_datetime(first_day, dt.time(0)),
        start__lt=local_datetime(last_day + dt.timedelta(days=1), dt.time(0)),
    ).select_related("practitioner", "session_type")
    if not include_cancelled:
        bookings = bookings.filter(status__in=BILLABLE)
    if practitioner is not None:
        bookings = bookings.filter(practitioner=practitioner)
    return bookings.order_by("start", "pk")


def rows(bookings) -> list[Row]:
    result = []
    for b in bookings:
        net, vat = price_parts(b.price, b.vat_rate)
        start, end = b.start.astimezone(HELSINKI), b.end.astimezone(HELSINKI)
        result.append(
            Row(b, start.date(), start.time().replace(tzinfo=None), end.time().replace(tzinfo=None), net, vat)
        )
    return result


def _csv_value(value) -> str:
    if isinstance(value, Decimal):
        return (
            f"{value:.2f}".replace(".", ",")
            if value.as_tuple().exponent <= -2
            else str(value).replace(".", ",")
        )
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return "" if value is None else str(value)


def as_csv(data: list[Row]) -> bytes:
    """UTF-8 with a BOM and semicolons, decimal commas: Finnish Excel opens it as it is."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers())
    for row in data:
        writer.writerow([_csv_value(v) for v in row.values()])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(data: list[Row]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Bookings")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data:
        sheet.append(row.values())
        r = sheet.max_row
        sheet.cell(r, 1).number_format = "d.m.yyyy"
        for column in (2, 3):
            sheet.cell(r, column).number_format = "hh:mm"
        for column in (16, 18, 19):
            sheet.cell(r, column).number_format = MONEY
        sheet.cell(r, 17).number_format = "0.0"
    sheet.freeze_panes = "A2"
    for letter, width in zip(
        "ABCDEFGHIJKLMNOPQRS",
        (11, 7, 7, 18, 18, 24, 22, 26, 12, 26, 12, 16, 16, 24, 20, 12, 8, 10, 10),
        strict=True,
    ):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
