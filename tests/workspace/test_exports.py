"""Exports for invoicing, parsed back: CSV for Finnish Excel and XLSX, with the right sums and VAT,
bookings and event seat bookings together."""

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from bookings.models import Booking
from core.time import HELSINKI
from tests.events.factories import EventFactory, SeatBookingFactory
from tests.factories import BookingFactory, bookable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("admin_in_english", "frozen_at_now")]
NOW = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)
ORGANISATION = {
    "organisation_name": "Esimerkkikunta",
    "business_id": "0201256-6",
    "einvoice_address": "003702012566",
    "einvoice_operator": "003721291126",
    "invoice_reference": "Tiimi 2; kevät",
}


def at(day, hour):
    return dt.datetime(2027, 3, day, hour, tzinfo=HELSINKI).astimezone(dt.UTC)


@pytest.fixture
def bookings():
    _p, hour = bookable(price=Decimal("95.00"), vat_rate=Decimal("25.5"))
    _p2, group = bookable(price=Decimal("280.00"), vat_rate=Decimal("14.0"), name="Ryhmä")
    made = [
        BookingFactory(
            session_type=hour,
            start=at(3, 10),
            client_name="Maija",
            email="m@example.fi",
            online=True,
            now=NOW,
        ),
        BookingFactory(
            session_type=group,
            start=at(4, 12),
            client_name="Tiimi",
            email="t@example.fi",
            organisation_details=ORGANISATION,
            online=True,
            now=NOW,
        ),
        BookingFactory(
            session_type=hour,
            start=at(31, 17),
            client_name="Myöhäinen",
            email="x@example.fi",
            online=True,
            now=NOW,
        ),
        BookingFactory(
            session_type=hour,
            start=at(5, 9),
            client_name="Peruttu",
            email="p@example.fi",
            cancelled=True,
            online=True,
            now=NOW,
        ),
    ]
    BookingFactory(
        session_type=hour,
        start=dt.datetime(2027, 4, 1, 8, tzinfo=HELSINKI),
        client_name="Huhtikuu",
        email="h@example.fi",
        online=True,
        now=NOW,
    )
    return made


@pytest.fixture
def seats():
    """An evening on 10 March (three seats booked, two cancelled) and one in April."""
    evening = EventFactory(
        days=9, hour=18, capacity=10, price_per_seat=Decimal("27.50"), vat_rate=Decimal("25.5")
    )
    kept = SeatBookingFactory(event=evening, name="Sanna", email="s@example.fi", seats=3, now=NOW)
    gone = SeatBookingFactory(
        event=evening, name="Pekka", email="p@example.fi", seats=2, cancelled=True, now=NOW
    )
    april = EventFactory(days=40, hour=18, capacity=10, title_fi="Huhtikuun ilta")
    SeatBookingFactory(event=april, name="Myöhemmin", email="l@example.fi", now=NOW)
    return kept, gone


def download(client, **params):
    response = client.get(
        reverse("admin:workspace_export"), {"first_day": "2027-03-01", "last_day": "2027-03-31", **params}
    )
    assert response.status_code == 200
    return response


def money(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def test_csv_opens_in_finnish_excel_and_adds_up(admin_client, bookings, seats):
    response = download(admin_client, format="csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="bookings-2027-03-01-2027-03-31.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Date", "Start", "End"] and header[-6:] == [
        "Seats",
        "Price per seat (EUR)",
        "Amount excl. VAT (EUR)",
        "VAT rate (%)",
        "VAT (EUR)",
        "Total (EUR)",
    ]
    # In time order; not cancelled, not April.
    assert [r[6] for r in body] == ["Maija", "Tiimi", "Sanna", "Myöhäinen"]
    maija, team, sanna, late = (dict(zip(header, r, strict=True)) for r in body)
    assert maija["Date"] == "3.3.2027" and maija["Start"] == "10:00" and maija["End"] == "11:00"
    assert (
        maija["Amount excl. VAT (EUR)"],
        maija["VAT rate (%)"],
        maija["VAT (EUR)"],
        maija["Total (EUR)"],
    ) == ("75,70", "25,5", "19,30", "95,00")
    assert maija["Seats"] == "" and maija["Price per seat (EUR)"] == ""
    assert (team["Amount excl. VAT (EUR)"], team["VAT rate (%)"], team["VAT (EUR)"], team["Total (EUR)"]) == (
        "245,61",
        "14,0",
        "34,39",
        "280,00",
    )
    assert team["Organisation"] == "Esimerkkikunta" and team["Business ID"] == "0201256-6"
    assert team["E-invoice address"] == "003702012566" and team["Reference"] == "Tiimi 2; kevät"
    # Three seats at 27.50: the VAT split of the seat booking's total.
    assert sanna["Session type or event"] == "Open sound relaxation evening"  # in the admin's language
    assert (sanna["Date"], sanna["Start"], sanna["End"]) == ("10.3.2027", "18:00", "19:00")
    assert (sanna["Seats"], sanna["Price per seat (EUR)"], sanna["Total (EUR)"]) == ("3", "27,50", "82,50")
    assert (sanna["Amount excl. VAT (EUR)"], sanna["VAT (EUR)"], sanna["VAT rate (%)"]) == (
        "65,74",
        "16,76",
        "25,5",
    )
    assert sanna["Organisation"] == "" and sanna["Status"] == "Confirmed"
    assert late["Date"] == "31.3.2027" and late["Start"] == "17:00"  # Helsinki time, not UTC
    for r in (maija, team, sanna, late):
        assert money(r["Amount excl. VAT (EUR)"]) + money(r["VAT (EUR)"]) == money(r["Total (EUR)"])
    assert sum(money(r["Total (EUR)"]) for r in (maija, team, sanna, late)) == Decimal("552.50")
    assert sum(money(r["VAT (EUR)"]) for r in (maija, team, sanna, late)) == Decimal("89.75")


def test_xlsx_has_numbers_and_dates_that_add_up(admin_client, bookings, seats):
    response = download(admin_client, format="xlsx", include_cancelled="on")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert [r[6] for r in body] == ["Maija", "Tiimi", "Peruttu", "Sanna", "Pekka", "Myöhäinen"]
    records = [dict(zip(header, r, strict=True)) for r in body]
    assert records[0]["Date"].date() == dt.date(2027, 3, 3) and records[0]["Start"] == dt.time(10, 0)
    assert records[2]["Status"] == "Cancelled" and records[4]["Status"] == "Cancelled"
    assert records[3]["Seats"] == 3 and records[4]["Seats"] == 2 and records[0]["Seats"] is None
    assert Decimal(str(records[4]["Total (EUR)"])) == Decimal("55.00")  # 2 × 27.50
    for r in records:
        net, vat, total = (
            Decimal(str(r[k])).quantize(Decimal("0.01"))
            for k in ("Amount excl. VAT (EUR)", "VAT (EUR)", "Total (EUR)")
        )
        assert net + vat == total
        assert vat == (total - total / (1 + Decimal(str(r["VAT rate (%)"])) / 100)).quantize(Decimal("0.01"))
        if r["Seats"] is not None:
            assert total == Decimal(str(r["Price per seat (EUR)"])) * r["Seats"]
    total = sum(Decimal(str(r["Total (EUR)"])) for r in records)
    assert total == Decimal("702.50")

    # The second sheet: totals per VAT rate, and in all, matching the rows.
    totals = workbook.worksheets[1]
    assert totals.title == "Totals by VAT rate"
    lines = list(totals.iter_rows(values_only=True))
    assert lines[0] == ("VAT rate (%)", "Amount excl. VAT (EUR)", "VAT (EUR)", "Total (EUR)")
    by_rate = {
        Decimal(str(line[0])): [Decimal(str(v)).quantize(Decimal("0.01")) for v in line[1:]]
        for line in lines[1:-1]
    }
    for rate, (net, vat, gross) in by_rate.items():
        mine = [r for r in records if Decimal(str(r["VAT rate (%)"])) == rate]
        assert gross == sum(Decimal(str(r["Total (EUR)"])) for r in mine)
        assert vat == sum(Decimal(str(r["VAT (EUR)"])).quantize(Decimal("0.01")) for r in mine)
        assert net + vat == gross
    assert set(by_rate) == {Decimal("25.5"), Decimal("14.0")}
    assert lines[-1][0] == "All" and Decimal(str(lines[-1][3])).quantize(Decimal("0.01")) == Decimal("702.50")


def test_the_export_reads_bookings_seats_and_their_invoices_in_three_queries(
    bookings, seats, django_assert_num_queries
):
    from workspace import exports

    with django_assert_num_queries(3):
        data = exports.rows_between(dt.date(2027, 3, 1), dt.date(2027, 3, 31), include_cancelled=True)
    assert len(data) == 6


def test_one_practitioners_export_and_bad_ranges(admin_client, bookings):
    maija = Booking.objects.get(client_name="Maija")
    body = download(admin_client, format="csv", practitioner=maija.practitioner.pk).content.decode(
        "utf-8-sig"
    )
    assert "Maija" in body and "Tiimi" not in body
    response = admin_client.get(
        reverse("admin:workspace_export"),
        {"first_day": "2027-03-31", "last_day": "2027-03-01", "format": "csv"},
    )
    assert response.status_code == 400 and b"must not be before" in response.content
    response = admin_client.get(
        reverse("admin:workspace_export"), {"first_day": "eilen", "last_day": "", "format": "pdf"}
    )
    assert response.status_code == 400
    assert admin_client.get(reverse("admin:workspace_export")).status_code == 200
