"""Bookings and event seats for invoicing, as rows and as files: CSV for Finnish Excel (UTF-8 with a
BOM, `;` between fields, decimal commas) and XLSX (openpyxl, real numbers and dates, with a sheet
of totals per VAT rate).

Amounts come from the price and VAT rate stored with each booking or seat booking when it was made:
a booking is one session at its price; a seat booking is its seats times the price per seat, with
the VAT split of that total (core.money.vat_parts).
"""

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bookings.models import Booking, Practitioner
from core.formats import iso_time, numeric_date
from core.headers import attachment_disposition
from core.money import vat_parts
from core.spreadsheet import csv_bytes, sheet_append
from core.time import HELSINKI, day_bounds
from events.models import SeatBooking
from invoicing.selectors import invoices_of_sources

from .calendar import require, today
from .forms import ExportForm

BILLABLE = (
    Booking.Status.CONFIRMED,
    Booking.Status.COMPLETED,
    Booking.Status.NO_SHOW,
    Booking.Status.REQUESTED,
)
MONEY = "#,##0.00"


@dataclass
class Row:
    """One line of the export: a booking, or the seats one person booked for an event."""

    start_at: dt.datetime  # for ordering
    day: dt.date
    start: dt.time
    end: dt.time
    practitioner: str
    service: str
    what: str  # the session type, or the event's title
    client: str
    email: str
    status: str
    organisation_name: str
    business_id: str
    einvoice_address: str
    einvoice_operator: str
    postal_address: str
    invoice_reference: str
    seats: int | None  # seat bookings only
    price_per_seat: Decimal | None
    net: Decimal
    vat_rate: Decimal
    vat: Decimal
    total: Decimal
    source: str = ""  # "booking:12" / "seat:3", as invoicing names what it billed
    invoice_number: str = ""
    invoice_status: str = ""

    def values(self) -> list:
        return [
            self.day,
            self.start,
            self.end,
            self.practitioner,
            self.service,
            self.what,
            self.client,
            self.email,
            self.status,
            self.organisation_name,
            self.business_id,
            self.einvoice_address,
            self.einvoice_operator,
            self.postal_address,
            self.invoice_reference,
            self.invoice_number,
            self.invoice_status,
            self.seats,
            self.price_per_seat,
            self.net,
            self.vat_rate,
            self.vat,
            self.total,
        ]


# (header, XLSX width, XLSX number format) of each column, in the order of Row.values().
def columns() -> list[tuple[str, int, str | None]]:
    return [
        (_("Date"), 11, "d.m.yyyy"),
        (_("Start"), 7, "hh:mm"),
        (_("End"), 7, "hh:mm"),
        (_("Practitioner"), 18, None),
        (_("Service"), 18, None),
        (_("Session type or event"), 26, None),
        (_("Client"), 22, None),
        (_("Email"), 26, None),
        (_("Status"), 12, None),
        (_("Organisation"), 26, None),
        (_("Business ID"), 12, None),
        (_("E-invoice address"), 16, None),
        (_("E-invoice operator"), 16, None),
        (_("Postal address"), 24, None),
        (_("Reference"), 20, None),
        (_("Invoice"), 11, None),
        (_("Invoice status"), 12, None),
        (_("Seats"), 7, "0"),
        (_("Price per seat (EUR)"), 12, MONEY),
        (_("Amount excl. VAT (EUR)"), 12, MONEY),
        (_("VAT rate (%)"), 8, "0.0"),
        (_("VAT (EUR)"), 10, MONEY),
        (_("Total (EUR)"), 10, MONEY),
    ]


def headers() -> list[str]:
    return [header for header, _width, _format in columns()]


def _day_range(first_day: dt.date, last_day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return day_bounds(first_day, last_day)


def bookings_between(
    first_day: dt.date,
    last_day: dt.date,
    *,
    practitioner: Practitioner | None = None,
    include_cancelled: bool = False,
) -> QuerySet[Booking]:
    """Bookings starting on these Helsinki days (both included), in time order. One query."""
    start, end = _day_range(first_day, last_day)
    bookings = Booking.objects.filter(start__gte=start, start__lt=end).select_related(
        "practitioner", "session_type"
    )
    if not include_cancelled:
        bookings = bookings.filter(status__in=BILLABLE)
    if practitioner is not None:
        bookings = bookings.filter(practitioner=practitioner)
    return bookings.order_by("start", "pk")


def seats_between(
    first_day: dt.date,
    last_day: dt.date,
    *,
    practitioner: Practitioner | None = None,
    include_cancelled: bool = False,
) -> QuerySet[SeatBooking]:
    """Seat bookings of events starting on these Helsinki days (both included). One query."""
    start, end = _day_range(first_day, last_day)
    seats = SeatBooking.objects.filter(event__start__gte=start, event__start__lt=end).select_related(
        "event__practitioner", "event__session_type"
    )
    if not include_cancelled:
        seats = seats.filter(status=SeatBooking.Status.CONFIRMED)
    if practitioner is not None:
        seats = seats.filter(event__practitioner=practitioner)
    return seats.order_by("event__start", "pk")


def _times(start: dt.datetime, end: dt.datetime) -> dict:
    start, end = start.astimezone(HELSINKI), end.astimezone(HELSINKI)
    return {
        "day": start.date(),
        "start": start.time().replace(tzinfo=None),
        "end": end.time().replace(tzinfo=None),
    }


def booking_row(b: Booking) -> Row:
    net, vat = vat_parts(b.price, b.vat_rate)
    return Row(
        start_at=b.start,
        **_times(b.start, b.end),
        practitioner=b.practitioner.display_name,
        service=b.session_type.get_service_display(),
        what=b.session_type.name,
        client=b.client_name,
        email=b.email,
        status=b.get_status_display(),
        organisation_name=b.organisation_name,
        business_id=b.business_id,
        einvoice_address=b.einvoice_address,
        einvoice_operator=b.einvoice_operator,
        postal_address=b.postal_address,
        invoice_reference=b.invoice_reference,
        seats=None,
        price_per_seat=None,
        net=net,
        vat_rate=b.vat_rate,
        vat=vat,
        total=b.price,
        source=f"booking:{b.pk}",
    )


def seat_row(s: SeatBooking) -> Row:
    """Seat bookings carry no invoicing details: a person books seats for themselves."""
    event = s.event
    total = s.price_per_seat * s.seats
    net, vat = vat_parts(total, s.vat_rate)
    return Row(
        start_at=event.start,
        **_times(event.start, event.end),
        practitioner=event.practitioner.display_name,
        service=event.session_type.get_service_display(),
        what=event.title,
        client=s.name,
        email=s.email,
        status=s.get_status_display(),
        organisation_name="",
        business_id="",
        einvoice_address="",
        einvoice_operator="",
        postal_address="",
        invoice_reference="",
        seats=s.seats,
        price_per_seat=s.price_per_seat,
        net=net,
        vat_rate=s.vat_rate,
        vat=vat,
        total=total,
        source=f"seat:{s.pk}",
    )


def rows_between(
    first_day: dt.date,
    last_day: dt.date,
    *,
    practitioner: Practitioner | None = None,
    include_cancelled: bool = False,
) -> list[Row]:
    """Bookings and event seat bookings of the range, in time order (a booking before seats at the
    same time), each with the number and status of the invoice it is on. Three queries."""
    scope = {"practitioner": practitioner, "include_cancelled": include_cancelled}
    result = [(booking_row(b), 0, b.pk) for b in bookings_between(first_day, last_day, **scope)] + [
        (seat_row(s), 1, s.pk) for s in seats_between(first_day, last_day, **scope)
    ]
    rows = [row for row, _order, _pk in sorted(result, key=lambda r: (r[0].start_at, r[1], r[2]))]
    invoices = invoices_of_sources([row.source for row in rows])
    for row in rows:
        if invoice := invoices.get(row.source):
            row.invoice_number = invoice.number or str(_("draft"))
            row.invoice_status = invoice.get_status_display()
    return rows


def totals_by_vat_rate(data: list[Row]) -> list[tuple[Decimal, Decimal, Decimal, Decimal]]:
    """(VAT rate, amount excl. VAT, VAT, total) per rate, lowest rate first."""
    sums: dict[Decimal, list[Decimal]] = defaultdict(lambda: [Decimal("0.00")] * 3)
    for row in data:
        bucket = sums[row.vat_rate]
        bucket[0] += row.net
        bucket[1] += row.vat
        bucket[2] += row.total
    return [(rate, *sums[rate]) for rate in sorted(sums)]


def _csv_value(value) -> str:
    if isinstance(value, Decimal):
        return (
            f"{value:.2f}".replace(".", ",")
            if value.as_tuple().exponent <= -2
            else str(value).replace(".", ",")
        )
    if isinstance(value, dt.date):
        return numeric_date(value)
    if isinstance(value, dt.time):
        return iso_time(value)  # a spreadsheet reads 14:00 as a time, 14.00 as a number
    return "" if value is None else str(value)


def as_csv(data: list[Row]) -> bytes:
    """UTF-8 with a BOM and semicolons, decimal commas: Finnish Excel opens it as it is.
    One line per booking or seat booking, nothing else (so it imports cleanly); no cell is ever
    read as a formula (core.spreadsheet)."""
    return csv_bytes([headers(), *([_csv_value(v) for v in row.values()] for row in data)])


def _bold_header(sheet, titles: list[str]) -> None:
    sheet_append(sheet, titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def as_xlsx(data: list[Row]) -> bytes:
    """The rows on the first sheet; the totals per VAT rate (and in all) on the second."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Bookings")[:31]
    spec = columns()
    _bold_header(sheet, [header for header, _width, _format in spec])
    for row in data:
        sheet_append(sheet, row.values())
        r = sheet.max_row
        for column, (_header, _width, number_format) in enumerate(spec, start=1):
            if number_format:
                sheet.cell(r, column).number_format = number_format
    for column, (_header, width, _format) in enumerate(spec, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width

    totals = workbook.create_sheet(_("Totals by VAT rate")[:31])
    _bold_header(totals, [_("VAT rate (%)"), _("Amount excl. VAT (EUR)"), _("VAT (EUR)"), _("Total (EUR)")])
    by_rate = totals_by_vat_rate(data)
    for line in by_rate:
        sheet_append(totals, line)
    sheet_append(
        totals, [_("All"), *(sum((line[i] for line in by_rate), Decimal("0.00")) for i in (1, 2, 3))]
    )
    totals.cell(totals.max_row, 1).font = Font(bold=True)
    for r in range(2, totals.max_row + 1):
        totals.cell(r, 1).number_format = "0.0"
        for column in (2, 3, 4):
            totals.cell(r, column).number_format = MONEY
    for letter, width in zip("ABCD", (12, 22, 12, 12), strict=True):
        totals.column_dimensions[letter].width = width

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


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
        rows = rows_between(
            data["first_day"],
            data["last_day"],
            practitioner=data["practitioner"],
            include_cancelled=data["include_cancelled"],
        )
        kind = data["format"]
        content = as_csv(rows) if kind == "csv" else as_xlsx(rows)
        response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
        name = f"bookings-{data['first_day'].isoformat()}-{data['last_day'].isoformat()}.{kind}"
        response["Content-Disposition"] = attachment_disposition(name)
        return response
    return TemplateResponse(
        request,
        "workspace/export.html",
        {**site.each_context(request), "title": _("Export for invoicing"), "form": form},
        status=400 if form.is_bound else 200,
    )
