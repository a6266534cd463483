"""The workspace in Chromium: the calendar by keyboard, confirming a request, axe on the pages."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bookings.actions.booking import booking_create
from bookings.actions.common import Client
from bookings.actions.hours import time_off_add
from bookings.models import Booking
from core.time import HELSINKI
from tests.browser.conftest import axe_violations
from tests.factories import StaffFactory, bookable

PASSWORD = "correct horse battery staple"
# The live server's request threads leave SQLite connections for the garbage collector; pytest
# reports them as unraisable ResourceWarnings at whichever test collects them. Not our code's.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture
def workspace(live_server):
    practitioner, session_type = bookable(min_notice_hours=0)
    _p, group = bookable(
        booking_mode="request", audience="group", group_min=2, group_max=6, min_notice_hours=0
    )
    group.practitioners.set([practitioner])
    today = timezone.now().astimezone(HELSINKI).date()
    monday = today - dt.timedelta(days=today.weekday())
    starts = [
        dt.datetime.combine(monday + dt.timedelta(days=d), dt.time(h), tzinfo=HELSINKI)
        for d, h in ((0, 9), (2, 11), (4, 14))
    ]
    for n, start in enumerate(starts):
        booking_create(
            session_type=session_type,
            start=start,
            modality="online",
            client=Client(name=f"Asiakas {n}", email=f"a{n}@example.fi"),
            now=start - dt.timedelta(days=7),
        )
    request, _token = booking_create(
        session_type=group,
        start=starts[1] + dt.timedelta(hours=3),
        modality="in_person",
        client=Client(name="Ryhmän Vetäjä", email="r@example.fi", group_size=4),
        now=starts[0] - dt.timedelta(days=7),
    )
    user = StaffFactory(username="aino", is_superuser=True)
    practitioner.user = user
    practitioner.save()
    return request


def sign_in(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "aino")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_server.url + "/admin/"


@pytest.mark.django_db(transaction=True)
def test_the_calendar_works_by_keyboard_without_javascript(page_nojs, live_server, workspace):
    page = page_nojs
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/calendar/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("a.cal-item")).to_have_count(4)
    # Tab reaches "next week"; Enter follows it; the heading names the new week.
    heading = page.locator("#ws-heading").inner_text()
    for _ in range(300):  # past the header and admin's sidebar
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ws-next')"):
            break
    else:
        pytest.fail("Tab never reached the next-week link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "week=" in page.url and page.locator("#ws-heading").inner_text() != heading
    page.go_back()
    # Tab on to the first item and open it with Enter: its change page.
    page.locator("a.cal-item").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/admin/bookings/booking/" in page.url and page.url.endswith("/change/")
    assert page.outside_requests == []


@pytest.mark.django_db(transaction=True)
def test_arrow_keys_move_between_items_and_days(page, live_server, workspace):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/calendar/")
    items = page.locator("a.cal-item")
    items.first.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.textContent").strip().count("Asiakas 1") == 1
    page.keyboard.press("ArrowDown")
    assert "Ryhmän Vetäjä" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("ArrowLeft")
    assert "Asiakas 0" in page.evaluate("document.activeElement.textContent")
    with page.expect_navigation():
        page.keyboard.press("Alt+PageDown")
    assert "week=" in page.url


@pytest.mark.django_db(transaction=True)
def test_confirming_a_request_from_the_list(page_nojs, live_server, workspace):
    page = page_nojs
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/requests/")
    assert page.get_by_text("Ryhmän Vetäjä").count() >= 1
    page.locator("button[name=decision][value=confirm]").first.click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(page).to_have_url(live_server.url + "/admin/requests/")
    assert page.get_by_text("Ryhmän Vetäjä").count() == 1  # in the message, no longer in the list
    workspace.refresh_from_db()
    assert workspace.status == Booking.Status.CONFIRMED


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path",
    [
        "/admin/calendar/",
        "/admin/calendar/?month=2027-03",
        "/admin/agenda/",
        "/admin/overview/",
        "/admin/requests/",
    ],
)
def test_workspace_pages_have_no_accessibility_violations_and_no_csp_errors(
    page, live_server, workspace, path
):
    page.set_viewport_size({"width": 1280, "height": 900})
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in(page, live_server)
    page.goto(live_server.url + path)
    expect(page.locator("h1")).to_have_count(1)
    assert axe_violations(page) == []
    assert violations == [] and page.outside_requests == []


@pytest.mark.django_db(transaction=True)
def test_time_off_is_added_and_removed_on_the_hours_grid_by_keyboard(page_nojs, page, live_server, workspace):
    from bookings.models import TimeOff

    sign_in(page_nojs, live_server)
    page_nojs.goto(live_server.url + "/admin/hours/")  # the signed-in practitioner's own grid
    url = live_server.url + f"/admin/hours/{workspace.practitioner_id}/"
    assert page_nojs.url == url
    first = timezone.now().astimezone(HELSINKI).date() + dt.timedelta(days=14)
    page_nojs.fill("#id_time_off-first_day", first.isoformat())
    page_nojs.fill("#id_time_off-last_day", (first + dt.timedelta(days=1)).isoformat())
    page_nojs.fill("#id_time_off-reason", "Koulutusmatka")
    with page_nojs.expect_navigation():
        page_nojs.keyboard.press("Enter")  # submits the time off form, not the hours above it
    expect(page_nojs.locator(".messagelist .success")).to_have_count(1)
    assert page_nojs.url == url
    expect(page_nojs.locator(".time-off-list li", has_text="Koulutusmatka")).to_have_count(1)
    time_off = TimeOff.objects.get()
    assert time_off.block.active and time_off.start.astimezone(HELSINKI).time() == dt.time(0)
    page_nojs.locator(".time-off-remove button").focus()
    with page_nojs.expect_navigation():
        page_nojs.keyboard.press("Enter")
    expect(page_nojs.locator(".messagelist .success")).to_have_count(1)
    expect(page_nojs.locator(".time-off-list")).to_have_count(0)
    assert not TimeOff.objects.exists()
    assert page_nojs.outside_requests == []

    # With JavaScript on, axe finds nothing on the grid with a time off listed, nor with the add
    # form's errors shown.
    time_off_add(
        practitioner=workspace.practitioner,
        start=dt.datetime.combine(first, dt.time(12), tzinfo=HELSINKI),
        end=dt.datetime.combine(first, dt.time(16), tzinfo=HELSINKI),
        reason="Koulutus",
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server)
    page.goto(url)
    expect(page.locator(".time-off-remove")).to_have_count(1)
    assert axe_violations(page) == []
    page.fill("#id_time_off-first_day", first.isoformat())
    page.fill("#id_time_off-last_day", (first - dt.timedelta(days=1)).isoformat())
    with page.expect_navigation():
        page.locator("#id_time_off-reason").press("Enter")
    expect(page.locator("#error-summary")).to_have_count(1)
    expect(page.locator("#id_time_off-last_day_error")).to_have_count(1)
    assert axe_violations(page) == []
    assert page.outside_requests == []
