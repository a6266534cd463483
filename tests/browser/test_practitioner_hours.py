"""The demo practitioner's hours and export in Chromium, through the pages only: a week with a date
exception and a time off is edited, saved and read back; the export downloads with the dates it
offers. Both once failed: a saved date was put in `<input type="date">` as `06.12.2026`, which the
browser shows blank, so every save of the hours failed and the export's default range was empty."""

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import DateException, TimeOff, WeeklyHours
from core.time import HELSINKI
from demo import calendar, workspace
from tests.browser.practitioner import WIDE, demo_loaded, sign_in

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
SAVE_HOURS = "Tallenna työajat ja poikkeukset"


@pytest.fixture
def demo(tmp_path, monkeypatch):
    return demo_loaded(tmp_path, monkeypatch, calendar, workspace)


def _saved(page):
    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(page.locator("#error-summary")).to_have_count(0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_week_with_an_exception_and_a_time_off_is_edited_saved_and_kept(
    request, live_server, demo, javascript
):
    page = request.getfixturevalue("page" if javascript else "page_nojs")
    page.set_viewport_size(WIDE)
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/hours/")  # the practitioner's own grid
    grid_url = page.url
    # A day off on Wednesday in three weeks (the demo's bookings are all sooner) ...
    today = timezone.now().astimezone(HELSINKI).date()
    wednesday = today + dt.timedelta(days=21 + 2 - today.weekday())
    page.fill("#id_time_off-first_day", wednesday.isoformat())
    page.fill("#id_time_off-last_day", wednesday.isoformat())
    page.fill("#id_time_off-reason", "Koulutuspäivä")
    with page.expect_navigation():
        page.locator("#id_time_off-reason").press("Enter")
    _saved(page)
    training = TimeOff.objects.get(reason="Koulutuspäivä")

    # ... and extra hours on the Saturday of that week, in the first empty row of the exceptions.
    saturday = wednesday + dt.timedelta(days=3)
    row = int(page.input_value("#id_exceptions-INITIAL_FORMS"))
    page.fill(f"#id_exceptions-{row}-date", saturday.isoformat())
    page.select_option(f"#id_exceptions-{row}-kind", "open")
    page.fill(f"#id_exceptions-{row}-start_time", "10:00")
    page.fill(f"#id_exceptions-{row}-end_time", "12:00")
    page.fill(f"#id_exceptions-{row}-note", "Lauantain lisäaika")
    with page.expect_navigation():
        page.get_by_role("button", name=SAVE_HOURS).click()
    _saved(page)
    assert page.url == grid_url

    # Read back: every saved exception shows its date and times in its fields.
    page.reload()
    saved = DateException.objects.filter(date__gte=today)
    saved = list(saved.order_by("date", "start_time"))
    assert len(saved) == int(page.input_value("#id_exceptions-INITIAL_FORMS"))
    for n, exception in enumerate(saved):
        assert page.input_value(f"#id_exceptions-{n}-date") == exception.date.isoformat()
        if exception.start_time:
            assert page.input_value(f"#id_exceptions-{n}-start_time") == f"{exception.start_time:%H:%M}"

    # The weekly hours: Monday ends at 15.00 instead of 16.00; saved with the exceptions as shown.
    assert page.input_value("#id_d0_0_end") == "16:00"
    page.fill("#id_d0_0_end", "15:00")
    with page.expect_navigation():
        page.get_by_role("button", name=SAVE_HOURS).click()
    _saved(page)

    page.reload()
    assert page.input_value("#id_d0_0_start") == "09:00"
    assert page.input_value("#id_d0_0_end") == "15:00"
    kept = [page.input_value(f"#id_exceptions-{n}-date") for n in range(len(saved))]
    assert saturday.isoformat() in kept
    expect(page.locator(".time-off-list li", has_text="Koulutuspäivä")).to_have_count(1)
    assert WeeklyHours.objects.get(weekday=0, start_time=dt.time(9)).end_time == dt.time(15)
    assert DateException.objects.filter(date=saturday, start_time=dt.time(10), end_time=dt.time(12)).exists()
    assert len(DateException.objects.filter(date__gte=saved[0].date)) == len(saved)
    assert TimeOff.objects.filter(pk=training.pk, block__active=True).exists()
    assert page.outside_requests == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_export_downloads_this_month_with_the_dates_it_offers(request, live_server, demo, javascript):
    page = request.getfixturevalue("page" if javascript else "page_nojs")
    page.set_viewport_size(WIDE)
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/export/")
    today = timezone.now().astimezone(HELSINKI).date()
    first = today.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    assert page.input_value("#id_first_day") == first.isoformat()
    assert page.input_value("#id_last_day") == last.isoformat()

    with page.expect_download() as download:
        page.get_by_role("button", name="Lataa").click()
    assert download.value.suggested_filename == f"bookings-{first}-{last}.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).worksheets[0]
    days = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert days and all(first <= day.date() <= last for day in days)

    page.check("input[name=format][value=csv]")
    with page.expect_download() as download:
        page.get_by_role("button", name="Lataa").click()
    assert download.value.suggested_filename.endswith(".csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text), delimiter=";"))) == len(days) + 1
    assert page.outside_requests == []
