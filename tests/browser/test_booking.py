"""The booking flow in Chromium at a phone's size, with JavaScript off and on: book, then move and
cancel through the personal link. With JavaScript on, axe checks every page on the way."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone, translation
from playwright.sync_api import expect

from bookings import selectors
from bookings.actions.booking import booking_create
from bookings.actions.common import Client
from bookings.models import Booking, Location
from bookings.views.flow import step_url
from core.time import HELSINKI
from tests.browser.conftest import axe_violations
from tests.factories import bookable

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def session_type(settings):
    settings.SPAM_MIN_FILL_SECONDS = 0
    cache.clear()
    practitioner, session_type = bookable(slug="yksilo", min_notice_hours=2)
    session_type.location = Location.objects.create(
        practitioner=practitioner, name="Vastaanotto", address="Mannerheimintie 1, Helsinki"
    )
    session_type.save()
    return session_type


def url(live_server, name, *args, **params):
    with translation.override("fi"):
        return live_server.url + step_url(name, *args, **params)


def no_axe_violations(page):
    violations = axe_violations(page)
    assert violations == [], (page.url, violations)


def choose_type_and_way(page, live_server, check):
    page.goto(url(live_server, "bookings:start"))
    expect(page.locator("h1")).to_have_count(1)
    check(page)
    page.locator("a.button", has_text="Yksilötyönohjaus").click()
    expect(page.locator("h1")).to_have_text("Miten haluat tavata?")
    check(page)
    page.locator("a.choice", has_text="Verkossa").click()
    expect(page.locator("h1")).to_have_text("Valitse päivä")
    expect(page.locator("table.calendar th[scope=col]")).to_have_count(7)
    check(page)


def a_day_ahead(page, days=2, last=False):
    """The link of the first (or last) shown day with free times at least `days` days from today
    (so that the time can still be changed online); the next month when this one has none."""
    earliest = (timezone.now().astimezone(HELSINKI).date() + dt.timedelta(days=days)).isoformat()
    links = [a for a in page.locator("td.free a").all() if a.get_attribute("data-date") >= earliest]
    if not links:
        title = page.locator("#month-title").inner_text()
        page.locator("a.month-next").click()
        page.wait_for_function("(t) => document.getElementById('month-title').textContent !== t", arg=title)
        return a_day_ahead(page, days, last)
    return links[-1 if last else 0]


def fill_details(page):
    expect(page.locator("h1")).to_have_text("Tietosi")
    page.get_by_label("Nimi").fill("Maija Meikäläinen")
    page.get_by_label("Sähköposti").fill("ei-osoite")
    page.get_by_role("button", name="Jatka").click()
    # The error is at its field and summarised on top; what was typed is still there.
    expect(page.locator(".error-summary a[href='#id_email']")).to_have_count(1)
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Nimi").input_value() == "Maija Meikäläinen"
    page.get_by_label("Sähköposti").fill("maija@example.fi")
    page.get_by_role("button", name="Jatka").click()
    expect(page.locator("h1")).to_have_text("Tarkista ja vahvista varauksesi")


def test_book_move_and_cancel_with_javascript_off(page_nojs, live_server, session_type):
    page = page_nojs

    choose_type_and_way(page, live_server, lambda page: None)
    a_day_ahead(page).click()
    expect(page.locator("h1")).to_have_text(re.compile(r"^Vapaat ajat"))
    page.locator("a.time").first.click()
    fill_details(page)
    expect(page.locator("body")).to_contain_text("Peruutusehdot")
    page.get_by_role("button", name="Vahvista varaus").click()

    expect(page).to_have_url(re.compile(r"/varaa/oma-varaus/[A-Za-z0-9_-]{43}/$"))
    expect(page.locator("h1")).to_have_text("Varauksesi")
    booking = Booking.objects.get()
    expect(page.locator("body")).to_contain_text("Kiitos, aikasi on varattu")
    own_page = page.url

    page.get_by_role("link", name="Vaihda aika").click()
    expect(page.locator("h1")).to_have_text("Valitse uusi päivä")
    a_day_ahead(page, last=True).click()
    page.locator("a.time").last.click()
    expect(page.locator("h1")).to_have_text("Siirretäänkö varauksesi?")
    page.get_by_role("button", name="Siirrä varaus").click()
    expect(page).to_have_url(own_page)
    expect(page.locator("body")).to_contain_text("Varauksesi siirrettiin")
    moved = Booking.objects.get()
    assert moved.start > booking.start and moved.sequence == 1

    page.get_by_role("link", name="Peru varaus").click()
    expect(page.locator("h1")).to_have_text("Perutaanko varauksesi?")
    page.get_by_role("button", name="Peru varaus").click()
    expect(page).to_have_url(own_page)
    expect(page.locator("body")).to_contain_text("Peruttu")
    assert Booking.objects.get().status == Booking.Status.CANCELLED
    assert page_nojs.outside_requests == []


def test_book_move_and_cancel_with_javascript_on_and_no_accessibility_violations(
    page, live_server, session_type
):
    choose_type_and_way(page, live_server, no_axe_violations)
    month_url = page.url

    # Another month and back, in place: the page does not change, the calendar does.
    title = page.locator("#month-title").inner_text()
    page.locator("a.month-next").click()
    page.wait_for_function("(t) => document.getElementById('month-title').textContent !== t", arg=title)
    expect(page).to_have_url(re.compile(r"month="))
    assert page.locator("table.calendar tbody tr").count() >= 4
    no_axe_violations(page)
    page.locator("a.month-prev").click()
    page.wait_for_function("(t) => document.getElementById('month-title').textContent === t", arg=title)

    # A day's times open below the calendar, in place.
    a_day_ahead(page).click()
    page.locator("#day-times a.time").first.wait_for()
    assert page.url.split("?")[0] == month_url.split("?")[0]
    expect(page.locator("#day-times h2")).to_have_text(re.compile(r"^Vapaat ajat"))
    assert page.evaluate("() => document.activeElement.id") == "day-times-title"
    no_axe_violations(page)
    page.locator("#day-times a.time").first.click()
    expect(page.locator("h1")).to_have_text("Tietosi")

    # The invoicing details show only when an organisation pays.
    expect(page.locator("#organisation-details")).to_be_hidden()
    page.get_by_label("Työnantajani tai muu organisaatio maksaa (lasku)").check()
    expect(page.locator("#organisation-details")).to_be_visible()
    page.get_by_label("Työnantajani tai muu organisaatio maksaa (lasku)").uncheck()
    no_axe_violations(page)
    fill_details(page)
    no_axe_violations(page)
    page.get_by_role("button", name="Vahvista varaus").click()

    expect(page.locator("h1")).to_have_text("Varauksesi")
    no_axe_violations(page)
    own_page = page.url
    booking = Booking.objects.get()

    page.get_by_role("link", name="Vaihda aika").click()
    expect(page.locator("h1")).to_have_text("Valitse uusi päivä")
    no_axe_violations(page)
    a_day_ahead(page, last=True).click()
    page.locator("a.time").last.wait_for()
    no_axe_violations(page)
    page.locator("a.time").last.click()
    expect(page.locator("h1")).to_have_text("Siirretäänkö varauksesi?")
    no_axe_violations(page)
    page.get_by_role("button", name="Siirrä varaus").click()
    expect(page).to_have_url(own_page)
    expect(page.locator("body")).to_contain_text("Varauksesi siirrettiin")
    assert Booking.objects.get().start > booking.start

    page.get_by_role("link", name="Peru varaus").click()
    expect(page.locator("h1")).to_have_text("Perutaanko varauksesi?")
    no_axe_violations(page)
    page.get_by_role("button", name="Peru varaus").click()
    expect(page.locator("body")).to_contain_text("Peruttu")
    assert Booking.objects.get().status == Booking.Status.CANCELLED
    no_axe_violations(page)
    assert page.outside_requests == []


def test_the_race_page_has_no_accessibility_violations(page, live_server, session_type):
    today = timezone.now().astimezone(HELSINKI).date()
    first = selectors.free_slots(session_type, today, today + dt.timedelta(days=14), modality="online")[0]
    booking_create(
        session_type=session_type,
        start=first.start,
        modality="online",
        client=Client(name="M", email="m@example.fi"),
    )
    start = first.start.astimezone(HELSINKI).strftime("%Y-%m-%dT%H:%M")
    page.goto(url(live_server, "bookings:taken", type="yksilo", modality="online", start=start))
    expect(page.locator("h1")).to_have_text("Aika ei ole enää vapaana")
    expect(page.locator("a.choice")).to_have_count(3)
    no_axe_violations(page)
    assert page.outside_requests == []
